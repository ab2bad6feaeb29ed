"""Frames: a cue with the mention of its speaker, found inside one sentence.

"Biden told reporters", "said White House Spokesperson Jen Psaki", "When
asked", "according to officials", "Clinton apologized:". A frame knows
where its cue and mention stand, whether it is inverted ("said X"), weak
(an evaluative verb that governs only a quotation close after it), passive,
or shares its subject with an earlier cue ("..., adding").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from quotetrack.engine.lexicon import (AUXILIARIES, CUE_FORMS, FIRST_NAMES, GROUP_NOUNS, NOT_NAMES, PERSON_NOUNS,
                                       STRONG_CUES, TIME_WORDS, is_title)
from quotetrack.engine.mentions import Mention, mention_after, mention_before, plain_noun
from quotetrack.engine.tokens import Token

# Verbs through which a cue reaches back to its subject: "She went on to stress".
_VP_LINKS = {"to", "on", "went", "go", "goes", "going", "continued", "began", "proceeded",
             "wanted", "tried", "decided", "hastened", "rushed", "moved", "sought", "seemed",
             "appeared", "used", "chose", "took", "time", "the", "opportunity", "able", "quick",
             "quickly", "was", "is", "later", "also"}
# Reporting verbs with no plural noun of the same form: "the ones State now says are".
_NEVER_NOUNS = {"say", "tell", "add", "argue", "insist", "explain", "believe", "think", "write",
                "ask", "suggest", "warn", "recall", "admit", "maintain", "contend", "declare"}
_COORD = {"and", "but", "before", "then", "while", "as"}
_COORD_OR_PARTICIPLE = _COORD | {"adding", "saying"}
_INVERTING = {"said", "says", "added", "adds", "asked", "asks", "wrote", "writes", "told",
              "stated", "states", "continued", "continues", "explained", "explains", "noted",
              "notes", "replied", "replies", "responded", "responds", "tweeted", "tweets",
              "argued", "argues", "insisted", "insists", "recalled", "recalls", "declared",
              "declares", "warned", "warns", "concluded", "concludes", "remarked", "observed",
              "quipped", "joked", "cautioned", "acknowledged", "admitted", "conceded",
              "reiterated", "stressed", "emphasized", "countered", "shot", "fired", "offered",
              "predicted", "promised", "pledged", "vowed", "suggested", "claimed", "announced",
              "exclaimed", "shouted", "yelled", "answered", "retorted", "mused", "reported",
              "reads", "read", "according"}


# The words find_frames stops at: a cue, or "according" (to).
_CUE_OR_ACCORDING = frozenset(CUE_FORMS) | {"according"}


@dataclass
class Frame:
    """A cue with its speaker mention, inside one sentence."""

    cue_first: int  # token indices, inclusive
    cue_last: int
    mention: Mention | None
    m_first: int  # token range of the mention (-1 when none)
    m_last: int
    inverted: bool = False
    strong: bool = True
    inherited: bool = False
    passive: bool = False
    cue_chars: tuple[int, int] = (0, 0)  # character offsets of the cue

    @property
    def first(self) -> int:
        """The frame's first token index."""
        return min(self.cue_first, self.m_first) if self.m_first >= 0 else self.cue_first

    @property
    def last(self) -> int:
        """The frame's last token index."""
        return max(self.cue_last, self.m_last)


def find_frames(tokens: list[Token], a: int, b: int, text: str) -> list[Frame]:
    """Every frame in the sentence ``tokens[a:b]``, in the order of their cues."""
    frames: list[Frame] = []
    c = a
    while c < b:
        tok = tokens[c]
        low = tok.lower
        # (nine tokens in ten are no cue: one look-up passes over them)
        if low not in _CUE_OR_ACCORDING or tok.kind != "W" or (tok.is_cap and c != a and low != "according"):
            c += 1
            continue
        if low == "according" and c + 1 < b and tokens[c + 1].lower == "to":
            m = mention_after(tokens, c + 2, b, text)
            if m is not None:
                frames.append(Frame(c, c + 1, m, c + 2, last_index(tokens, c + 2, b, m), True,
                                    cue_chars=(tok.start, tokens[c + 1].end)))
            c += 2
            continue
        if low not in CUE_FORMS:
            c += 1
            continue
        if (low.endswith("s") and CUE_FORMS[low] not in _NEVER_NOUNS and c + 1 < b
                and tokens[c + 1].lower in {"are", "were", "have", "remain"}):
            c += 1  # "Harsh comments are", "the claims were": a plural noun, not a verb
            continue
        fr = _frame_at(tokens, c, a, b, text, frames)
        if fr is not None and not fr.strong and fr.mention is not None and fr.mention.kind == "description":
            fr = None  # "the latest attack", "a tough question": a noun, not a cue
        if fr is not None and _bare_noun_use(tokens, c, fr):
            fr = None  # "the latest attack", "a tough question": a noun, not a cue
        if fr is not None:
            fr.cue_chars = (tokens[fr.cue_first].start, tokens[fr.cue_last].end)
            frames.append(fr)
        c += 1
    return frames


def last_index(tokens: list[Token], i: int, b: int, m: Mention) -> int:
    """The index of the last token (from ``i``, before ``b``) inside mention ``m``."""
    k = i
    while k + 1 < b and tokens[k + 1].end <= m.end:
        k += 1
    return k


def _frame_at(tokens, c, a, b, text, frames) -> Frame | None:
    tok = tokens[c]
    low = tok.lower
    strong = low in STRONG_CUES
    # walk back over auxiliaries, adverbs and linking verbs to the subject
    j = c - 1
    passive = False
    # (a capitalised word inside the sentence is a name, never an auxiliary:
    # "which Will claims")
    while j >= a and tokens[j].kind == "W" and (not tokens[j].is_cap or j == a) and (
            tokens[j].lower in AUXILIARIES or tokens[j].lower in _VP_LINKS
            or (tokens[j].lower.endswith("ly") and not tokens[j].is_cap)):
        if tokens[j].lower in {"was", "were", "is", "are", "been", "being", "be"} and _participle(low):
            passive = True
        j -= 1
    # "Trump on Tuesday said", "Clinton, in a statement, said"
    unskipped = j
    j = _skip_time(tokens, j, a)
    if j >= a and tokens[j].lower in {"who", "which"} and j - 2 >= a and tokens[j - 1].text == ",":
        m = mention_before(tokens, j - 2, a, text)
        if m is not None:
            return Frame(c, c, m, first_index(tokens, j - 2, a, m), j - 2, False, strong, passive=passive)
    if j >= a and tokens[j].lower in {"which", "that"} and j - 1 >= a:
        m = mention_before(tokens, j - 1, a, text)  # "the Police Department which reported"
        if m is not None and m.kind != "pronoun":
            return Frame(c, c, m, first_index(tokens, j - 1, a, m), j - 1, False, strong)
    if j >= a and tokens[j].kind == "W" and tokens[j].lower in _COORD_OR_PARTICIPLE:
        return _inherit(tokens, c, frames, strong, a, text)
    m = mention_before(tokens, j, a, text) if j >= a else None
    if m is None or m.kind != "name":
        opened = _unclosed_appositive(tokens, c, a, text, strong)
        if opened is not None:
            return opened
    if m is not None and _object_of_preposition(tokens, m, first_index(tokens, j, a, m), a):
        # "the mass shooting in Aurora, Colorado, in July, said": the place is in a
        # locative phrase; the subject is the noun phrase the asides follow
        m = None
        if j != unskipped:
            j = unskipped
            m = mention_before(tokens, j, a, text)
            if m is not None and _object_of_preposition(tokens, m, first_index(tokens, j, a, m), a):
                m = None
        if m is None:
            if low.endswith("ing") and tokens[c - 1].text == ",":
                # "Whitby wrote to Harriet Vance, complaining": a participle set off
                # by a comma shares the subject of the clause it follows
                return _inherit(tokens, c, frames, strong, a, text)
            # the cue still governs its quotation, with no subject of its own (a
            # report it stands in may still give one: "tweeted back at Trump pointing out")
            return Frame(c, c, None, -1, -1, False, strong, passive=passive)
    if m is not None:
        first = first_index(tokens, j, a, m)
        if first == a and _common_word(m, text):
            m = plain_noun(m)
        return Frame(c, c, m, first, j, False, strong, passive=passive)
    # inverted: “...,” said X  /  ..., says X.
    before = tokens[c - 1] if c - 1 >= a else None
    inverting = low in _INVERTING or (low in STRONG_CUES and low.endswith("ed"))
    if inverting and (before is None or before.kind in "QP"):
        k = c + 1
        while k < b and tokens[k].kind == "W" and tokens[k].lower in TIME_WORDS and tokens[k].lower not in {"the"}:
            k += 1
        m = mention_after(tokens, k, b, text)
        if m is not None and m.kind != "pronoun" or (m is not None and k == c + 1):
            return Frame(c, c, m, k, last_index(tokens, k, b, m), True, strong)
    # a participle or a cue with no subject: "adding, “...”", "When asked if"
    if low.endswith("ing") and (before is None or before.kind == "P"
                                or before.lower in {"by", "while", "after", "before", "when", "in", "upon"}):
        return _inherit(tokens, c, frames, strong, a, text)
    if before is not None and before.lower in {"when", "if", "asked", "once"} or low in {"asked"} and (
            before is not None and before.lower in {"when", "after", "before", "once", "if"}):
        return Frame(c, c, None, -1, -1, False, strong, passive=True)
    return None


def _unclosed_appositive(tokens, c, a, text, strong) -> Frame | None:
    """“...,” Branden Ghena, a graduate student who worked on the project told MIT":
    the appositive after the name holds a clause of its own and its closing comma is
    missing, so the cue follows it directly. The name, opening the clause right after
    the quotation (or the sentence), is the subject."""
    k = c - 1
    while k > a and c - k <= 20 and tokens[k].text != "," and tokens[k].kind != "Q":
        k -= 1
    if k <= a or tokens[k].text != "," or k + 1 >= c:
        return None
    opener = tokens[k + 1].lower
    if opener not in {"a", "an", "the"} and opener not in PERSON_NOUNS:
        return None
    if not any(tokens[x].lower in {"who", "which", "that"} for x in range(k + 2, c)):
        return None
    m = mention_before(tokens, k - 1, a, text)
    if m is None or m.kind != "name" or m.org:
        return None
    first = first_index(tokens, k - 1, a, m)
    p = first - 1
    if p >= a and tokens[p].text == ",":
        p -= 1
    if p >= a and tokens[p].kind != "Q":
        return None
    return Frame(c, c, m, first, k - 1, False, strong)


# Prepositions whose object is a place, a time, a medium or a topic: a name
# governed by one is not the subject of the verb after it. ("with", "by" and
# "from" are left out: "with Trump saying", "a letter from Trump said".)
_GOVERNING = {"in", "on", "at", "into", "onto", "to", "about", "against", "over", "under",
              "through", "throughout", "toward", "towards", "near", "across", "within",
              "outside", "inside", "of", "for", "between", "among", "amid", "around", "behind",
              "beyond", "unlike", "despite", "during", "via"}


def _object_of_preposition(tokens, m: Mention, first: int, a: int) -> bool:
    """Is mention ``m``, whose noun phrase starts at ``tokens[first]``, the object
    of a preposition: "in Michigan", "on Twitter", or a place set off after
    another ("in Aurora, Colorado,")?"""
    if m.kind != "name":
        return False  # a description keeps its frame, for the noun-use tests to judge
    # the name's own place, not that of a description set beside it ("the Cruz
    # slate, Jim Poolman,")
    while first + 1 < len(tokens) and tokens[first].start < m.start:
        first += 1
    last = first
    while last + 1 < len(tokens) and tokens[last + 1].end <= m.end:
        last += 1
    k = first - 1
    if k >= a and 0 <= m.np_start <= tokens[k].start:
        return False  # the preposition is inside the subject: "a spokesperson for Acme Corp"
    # the object's own premodifiers: "to rural Tennessee", "in downtown Washington"
    while k - 1 >= a and first - k <= 2 and _premodifier(tokens[k]):
        k -= 1
    if k < a or tokens[k].kind != "W":
        if not (k - 1 >= a and tokens[k].text == "," and last + 1 < len(tokens)
                and tokens[last + 1].text == ","):
            return False
        # "in Aurora, Colorado,": the second place is an apposition to the first
        # (a bare name, not a person's: "in Nevada, Senator Harry Reid, the
        # minority leader,")
        if m.roles or not m.name or m.name.split()[0].lower() in FIRST_NAMES:
            return False
        k -= 1
        while k >= a and tokens[k].kind == "W" and tokens[k].is_cap and tokens[k].lower not in _GOVERNING:
            if tokens[k].lower in TIME_WORDS or tokens[k].lower in NOT_NAMES:
                return False  # "on Tuesday, Kevin Brady,"
            k -= 1
        if k == first - 2:
            return False
    return k >= a and tokens[k].kind == "W" and tokens[k].text.islower() and tokens[k].lower in _GOVERNING


def _premodifier(tok: Token) -> bool:
    """A lower-case word that can only modify the noun after it here: not a
    verb form, a function word or a title ("rural", "downtown", "northern")."""
    low = tok.lower
    return (tok.kind == "W" and tok.text.islower() and low.isalpha() and low not in NOT_NAMES
            and low not in CUE_FORMS and low not in AUXILIARIES and low not in _GOVERNING
            and not low.endswith(("ed", "ing", "ly")) and low not in _VP_LINKS)


def _participle(form: str) -> bool:
    """A past participle of a cue verb: asked, said, told, written."""
    base = CUE_FORMS.get(form)
    return base is not None and form != base and not form.endswith(("ing", "s"))


def _bare_noun_use(tokens, c: int, fr: Frame) -> bool:
    """A cue in its base form right after a singular subject is a noun or a
    modifier, not a verb: "White House press secretary", "state Del. Price"."""
    tok = tokens[c]
    if CUE_FORMS.get(tok.lower) != tok.lower or fr.inverted or fr.inherited:
        return False
    prev = tokens[c - 1] if c > 0 else None
    if prev is not None and prev.kind == "W" and (prev.lower in AUXILIARIES or prev.lower == "to"):
        return False
    m = fr.mention
    if m is None:
        return False
    if m.plural or m.head in {"they", "we", "i", "you"}:
        return False
    return not (m.kind == "name" and m.head.endswith("s") and not m.gender)


def _inherit(tokens, c, frames, strong, a, text) -> Frame:
    """A cue with no subject of its own ("adding", "and called") shares the
    subject of the cue before it in the sentence, else the sentence's subject."""
    if frames and frames[-1].mention is not None:
        prev = frames[-1]
        return Frame(c, c, prev.mention, prev.m_first, prev.m_last, prev.inverted, strong, True)
    subj = sentence_subject(tokens, a, c, text)
    if subj is not None:
        m, first, last = subj
        return Frame(c, c, m, first, last, False, strong, True)
    return Frame(c, c, None, -1, -1, False, strong, True)


def sentence_subject(tokens, a: int, end: int, text: str):
    """(mention, first, last) of the subject opening a sentence, after an
    introductory phrase if there is one ("On Tuesday, Mr. McConnell ...")."""
    starts = [a]
    for i in range(a, min(end, a + 20)):
        if tokens[i].text == ",":
            starts.append(i + 1)
            break
        if tokens[i].kind == "Q":
            break
    for st in starts:
        m = mention_after(tokens, st, end, text)
        if m is not None and st == a and _common_word(m, text):
            continue  # "Hours later, Trump ...": a common word opening the sentence
        if m is not None and m.kind in {"name", "pronoun"} and not m.plural:
            return m, st, last_index(tokens, st, end, m)
    return None


_LOWER_FORM = re.compile(r"[a-z][a-z'’-]*")
_CAP_FORM = re.compile(r"[A-Z][\w'’-]*")


def _written_lower(low: str, text: str) -> bool:
    """Does ``text`` write ``low`` as a lower-case word of its own somewhere?"""
    if not _LOWER_FORM.fullmatch(low):
        return False
    return any(not (i and _PART_OF_WORD.match(text, i - 1)) and not _LOWER_AFTER.match(text, i + len(low))
               for i in _occurrences(low, text))


def _capitalised_inside(word: str, text: str) -> bool:
    """Does ``text`` capitalise ``word`` inside a sentence (after a lower-case word or a comma)?"""
    if not _CAP_FORM.fullmatch(word):
        return False
    return any(i >= 2 and text[i - 1] == " " and text[i - 2] in _INNER_BEFORE
               and not _WORD_AFTER.match(text, i + len(word))
               for i in _occurrences(word, text))


def _occurrences(word: str, text: str) -> Iterator[int]:
    """Every offset where ``word`` stands in ``text`` (found by str.find, no regex to compile)."""
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


_PART_OF_WORD = re.compile(r"[\w'’.-]")
_LOWER_AFTER = re.compile(r"[a-z'’-]")
_INNER_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz,;")
_WORD_AFTER = re.compile(r"[\w'’-]")


def _common_word(m: Mention, text: str) -> bool:
    """Is a one-word name opening a sentence a common word: people in the plural
    ("Aides say", "Demonstrators said"), or by the article's own usage, a word
    it writes in lower case elsewhere and never capitalises inside a sentence
    ("Hours later")?"""
    if m.kind != "name" or not m.name or " " in m.name:
        return False
    word = m.name
    low = word.lower()
    if low.endswith("s") and (low[:-1] in GROUP_NOUNS or low[:-2] in GROUP_NOUNS
                              or (low.endswith("ies") and low[:-3] + "y" in GROUP_NOUNS)):
        return True  # "Officials at Homeland Security said" too
    if m.roles or low in FIRST_NAMES or is_title(low) or not word[:1].isupper() or word.isupper():
        return False
    if len(text) > _LONG_TEXT:
        lower, inner = _word_cases(text)
        return low in lower and word not in inner
    return _written_lower(low, text) and not _capitalised_inside(word, text)


# Past this length a text's word cases are collected once rather than the text being
# searched for each word (a search per word would make a book-length text quadratic;
# collecting costs more than a few searches in a news article).
_LONG_TEXT = 50_000
_LOWER_WORD = re.compile(r"[a-z](?<![\w'’.-].)[a-z'’-]*")
_INNER_CAP = re.compile(r" [A-Z](?<=[a-z,;] [A-Z])[\w'’-]*")


@lru_cache(maxsize=4)
def _word_cases(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words ``text`` writes in lower case, and those it capitalises inside a sentence."""
    return frozenset(_LOWER_WORD.findall(text)), frozenset(w[1:] for w in _INNER_CAP.findall(text))


def _skip_time(tokens, j, a) -> int:
    """Pass back over a short time or setting phrase: "on Tuesday", ", in a statement,"."""
    if j >= a and tokens[j].text == ",":
        k = j - 1
        while k >= a and tokens[k].text != "," and j - k <= 8:
            k -= 1
        if k >= a and tokens[k].text == "," and tokens[k + 1].lower in {"in", "on", "at", "during", "speaking", "when", "while", "after", "before", "for", "like", "asked", "writing", "appearing", "citing", "referring", "responding", "meanwhile", "however", "too", "though"}:
            return k - 1
        return j
    k = j
    while k >= a and k >= j - 3 and tokens[k].kind == "W" and tokens[k].lower in TIME_WORDS:
        k -= 1
    if k < j and k >= a and tokens[k + 1].lower in {"on", "in", "at", "during", "this", "last", "earlier"}:
        return k
    if k < j and tokens[j].lower in TIME_WORDS and tokens[j].is_cap:
        return k  # "Trump Tuesday said"
    return j


def first_index(tokens, j, a, m: Mention) -> int:
    """The index of the first token (back from ``j``, not before ``a``) of mention ``m``'s noun phrase."""
    k = j
    start = m.np_start if m.np_start >= 0 else m.start
    while k - 1 >= a and tokens[k - 1].start >= start:
        k -= 1
    return k


def subject_frame(tokens: list[Token], a: int, colon: int, text: str) -> Frame | None:
    """The subject opening a sentence that ends in a colon, as a frame whose cue is the colon."""
    subj = sentence_subject(tokens, a, colon, text)
    if subj is None:
        return None
    m, first, last = subj
    if m.text.isupper():
        return None  # a heading in capitals, not a subject
    if last + 1 < colon and not any(t.kind == "W" and t.text.islower() for t in tokens[last + 1:colon]):
        return None  # no predicate between the name and the colon: a title or a list
    fr = Frame(colon, colon, m, first, last, False, True)
    fr.cue_chars = (tokens[colon].start, tokens[colon].end)
    return fr


def label_frame(tokens: list[Token], a: int, colon: int, text: str) -> Frame | None:
    """A name right before the colon credits the quotation: "pollster Daron Shaw: “...”"."""
    m = mention_before(tokens, colon - 1, a, text)
    if m is None or m.kind != "name" or m.org or m.text.isupper():
        return None
    fr = Frame(colon, colon, m, first_index(tokens, colon - 1, a, m), colon - 1, False, True)
    fr.cue_chars = (tokens[colon].start, tokens[colon].end)
    return fr
