"""Attribution: which speaker and cue each quotation belongs to.

A sentence holds *frames*: a cue verb with the mention of its speaker
("Biden told reporters", "said White House Spokesperson Jen Psaki", "When
asked", "according to officials"). Each quotation takes the frame that
governs it: the one right after it (“...,” he said), else the nearest one
before it in its sentence (Blinken said that “...”), else a closing aside
(..., said Psaki.). A quotation with no frame continues the speaker of the
quotation before it, in its paragraph or, opening a paragraph, in the one
before; or takes the speaker set up by the sentence before it ("Ned Price
was asked about the attack. “We said this...”").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from quotetrack.lexicon import AUXILIARIES, CUE_FORMS, NOT_NAMES, STRONG_CUES, TIME_WORDS
from quotetrack.mentions import Mention, mention_after, mention_before
from quotetrack.tokens import Paragraph, Token

# Verbs through which a cue reaches back to its subject: "She went on to stress".
_VP_LINKS = {"to", "on", "went", "go", "goes", "going", "continued", "began", "proceeded",
             "wanted", "tried", "decided", "hastened", "rushed", "moved", "sought", "seemed",
             "appeared", "used", "chose", "took", "time", "the", "opportunity", "able", "quick",
             "quickly", "was", "is", "later", "also"}
# How many tokens away from a quotation a frame may stand and still govern it.
_REACH = 80
_DASHES = {"―", "—", "–", "-", "--"}
# An upper-case speaker label at the start of a transcript line.
_LABEL_RE = re.compile(r"\s*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s")
_COORD = {"and", "but", "before", "then", "while", "as"}
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


@dataclass
class Assignment:
    """What attribution settled for one quotation."""

    mention: Mention | None = None
    cue: tuple[int, int] | None = None  # character offsets
    method: str = "none"
    confidence: float = 0.0
    attributed: bool = False  # a frame or a chain claimed it (it is a real quotation)


def attribute(text: str, paras: list[Paragraph], n_quotes: int) -> tuple[list[Assignment], list[Mention]]:
    """One Assignment per quotation (in article order), and the speaker
    mentions of every frame in the article (quoted or not)."""
    result = [Assignment() for _ in range(n_quotes)]
    subjects: list[Mention] = []
    prev_para_last: Assignment | None = None
    prev_para_frame: Frame | None = None
    prev_para_ends_in_quote = False
    for n_para, para in enumerate(paras):
        tokens, sents = para.tokens, para.sents
        has_quotes = para.last > para.first
        last_assigned: Assignment | None = None
        pending: Frame | None = None  # a frame with no quotation, waiting for one
        if prev_para_ends_in_quote or (prev_para_frame is not None):
            pending = prev_para_frame
        for a, b in sents:
            frames = _frames(tokens, a, b, text)
            subjects.extend(f.mention for f in frames if f.mention is not None and not f.inherited)
            qs = [i for i in range(a, b) if tokens[i].kind == "Q"]
            firsts = [f.cue_first for f in frames]  # in cue order, so sorted
            for qi in qs:
                # only frames near the quotation can govern it (keeps huge lines linear)
                lo_f = bisect.bisect_left(firsts, qi - _REACH)
                hi_f = bisect.bisect_right(firsts, qi + _REACH)
                asg = _assign(tokens, qi, a, b, frames[lo_f:hi_f], text)
                if asg is None:
                    asg = _chain(tokens, qi, a, last_assigned, prev_para_last, pending)
                if asg is None and n_para == 0 and len(paras) > 1 and _title_case(tokens):
                    asg = _headline(tokens, qi, text)
                if asg is not None:
                    result[tokens[qi].quote] = asg
                    last_assigned = asg
            if not frames and not qs and tokens[b - 1].text == ":":
                colon = subject_frame(tokens, a, b - 1, text)
                if colon is not None:
                    frames = [colon]
            if frames and not qs:
                pending = next((f for f in reversed(frames) if f.strong), frames[-1])
            elif qs:
                pending = None
        prev_para_last = last_assigned
        ends_in_q = bool(tokens) and (tokens[-1].kind == "Q" or (
            len(tokens) > 1 and tokens[-2].kind == "Q" and tokens[-1].kind == "P"))
        prev_para_ends_in_quote = ends_in_q
        prev_para_frame = pending if (tokens and tokens[-1].text == ":") else None
        if not has_quotes and prev_para_frame is None:
            prev_para_last = None
    return result, subjects


def _headline(tokens, qi, text) -> Assignment | None:
    """A headline's quotation belongs to the name that opens the headline:
    "Obama Sees ‘Personal Insult’ ...", "Sanders: Clinton needs to ‘...’"."""
    subj = _sentence_subject(tokens, 0, qi, text)
    if subj is None or subj[0].kind != "name":
        return None
    return Assignment(subj[0], None, "headline", 0.6, True)


def _title_case(tokens: list[Token]) -> bool:
    """A headline is set in Title Case: most of its longer words are capitalised."""
    words = [t for t in tokens if t.kind == "W" and len(t.text) > 3]
    return bool(words) and sum(t.is_cap for t in words) >= 0.6 * len(words)


def _chain(tokens, qi, a, last_assigned, prev_para_last, pending) -> Assignment | None:
    """A quotation with no frame: continue the quotation or frame before it."""
    if last_assigned is not None and last_assigned.mention is not None:
        return Assignment(last_assigned.mention, last_assigned.cue, "continuation",
                          last_assigned.confidence * 0.95, True)
    if pending is not None and pending.mention is not None:
        return Assignment(pending.mention, pending.cue_chars, "previous sentence", 0.7, True)
    if qi == 0 and prev_para_last is not None and prev_para_last.mention is not None:
        return Assignment(prev_para_last.mention, prev_para_last.cue, "continuation",
                          prev_para_last.confidence * 0.9, True)
    return None


def _frames(tokens: list[Token], a: int, b: int, text: str) -> list[Frame]:
    frames: list[Frame] = []
    c = a
    while c < b:
        tok = tokens[c]
        if tok.kind != "W" or (tok.is_cap and c != a and tok.lower != "according"):
            c += 1
            continue
        low = tok.lower
        if low == "according" and c + 1 < b and tokens[c + 1].lower == "to":
            m = mention_after(tokens, c + 2, b, text)
            if m is not None:
                frames.append(Frame(c, c + 1, m, c + 2, _last_index(tokens, c + 2, b, m), True,
                                    cue_chars=(tok.start, tokens[c + 1].end)))
            c += 2
            continue
        if low not in CUE_FORMS:
            c += 1
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


def _last_index(tokens: list[Token], i: int, b: int, m: Mention) -> int:
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
    while j >= a and tokens[j].kind == "W" and (
            tokens[j].lower in AUXILIARIES or tokens[j].lower in _VP_LINKS
            or (tokens[j].lower.endswith("ly") and not tokens[j].is_cap)):
        if tokens[j].lower in {"was", "were", "is", "are", "been", "being", "be"} and _participle(low):
            passive = True
        j -= 1
    # "Trump on Tuesday said", "Clinton, in a statement, said"
    j = _skip_time(tokens, j, a)
    if j >= a and tokens[j].lower in {"who", "which"} and j - 2 >= a and tokens[j - 1].text == ",":
        m = mention_before(tokens, j - 2, a, text)
        if m is not None:
            return Frame(c, c, m, _first_index(tokens, j - 2, a, m), j - 2, False, strong, passive=passive)
    if j >= a and tokens[j].lower in {"which", "that"} and j - 1 >= a:
        m = mention_before(tokens, j - 1, a, text)  # "the Police Department which reported"
        if m is not None and m.kind != "pronoun":
            return Frame(c, c, m, _first_index(tokens, j - 1, a, m), j - 1, False, strong)
    if j >= a and tokens[j].kind == "W" and tokens[j].lower in _COORD | {"adding", "saying"}:
        return _inherit(tokens, c, frames, strong, a, text)
    m = mention_before(tokens, j, a, text) if j >= a else None
    if m is not None:
        return Frame(c, c, m, _first_index(tokens, j, a, m), j, False, strong, passive=passive)
    # inverted: “...,” said X  /  ..., says X.
    before = tokens[c - 1] if c - 1 >= a else None
    inverting = low in _INVERTING or (low in STRONG_CUES and low.endswith("ed"))
    if inverting and (before is None or before.kind in "QP"):
        k = c + 1
        while k < b and tokens[k].kind == "W" and tokens[k].lower in TIME_WORDS and tokens[k].lower not in {"the"}:
            k += 1
        m = mention_after(tokens, k, b, text)
        if m is not None and m.kind != "pronoun" or (m is not None and k == c + 1):
            return Frame(c, c, m, k, _last_index(tokens, k, b, m), True, strong)
    # a participle or a cue with no subject: "adding, “...”", "When asked if"
    if low.endswith("ing") and (before is None or before.kind == "P"
                                or before.lower in {"by", "while", "after", "before", "when", "in", "upon"}):
        return _inherit(tokens, c, frames, strong, a, text)
    if before is not None and before.lower in {"when", "if", "asked", "once"} or low in {"asked"} and (
            before is not None and before.lower in {"when", "after", "before", "once", "if"}):
        return Frame(c, c, None, -1, -1, False, strong, passive=True)
    return None


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
    subj = _sentence_subject(tokens, a, c, text)
    if subj is not None:
        m, first, last = subj
        return Frame(c, c, m, first, last, False, strong, True)
    return Frame(c, c, None, -1, -1, False, strong, True)


def _sentence_subject(tokens, a: int, end: int, text: str):
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
        if m is not None and m.kind in {"name", "pronoun"} and not m.plural:
            return m, st, _last_index(tokens, st, end, m)
    return None


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


def _first_index(tokens, j, a, m: Mention) -> int:
    k = j
    start = m.np_start if m.np_start >= 0 else m.start
    while k - 1 >= a and tokens[k - 1].start >= start:
        k -= 1
    return k


def _assign(tokens, qi, a, b, frames: list[Frame], text) -> Assignment | None:
    """The frame that governs the quotation at token ``qi``, as an Assignment."""
    label = _speaker_label(tokens[qi], text)
    if label is not None:
        return Assignment(label, None, "transcript label", 0.9, True)
    # “...” ― Julie A. Diaz Martinez
    if qi + 2 <= b - 1 and tokens[qi + 1].text in _DASHES:
        m = mention_after(tokens, qi + 2, b, text)
        if m is not None and m.kind == "name":
            d = tokens[qi + 1]
            return Assignment(m, (d.start, d.end), "dash", 0.85, True)
    # 0. "When asked if the attack “...”": the question has no speaker
    before = [fr for fr in frames if fr.cue_last < qi and fr.last < qi]
    if before and before[-1].mention is None and before[-1].passive and not any(
            t.text in {",", ";", ":"} for t in tokens[before[-1].last + 1:qi]):
        return _from_frame(tokens, before[-1], "question", 0.6)
    # a cue that introduces the quotation ("adding, “...”") keeps a quotation that
    # ends its sentence (“....”) from the credit of the next sentence
    if before and tokens[qi].text.rstrip("”\"'’» ").endswith((".", "!", "?")):
        fr = before[-1]
        if qi - fr.last <= 3 and all(t.kind == "P" for t in tokens[fr.last + 1:qi]):
            return _from_frame(tokens, fr, "cue before", 0.9)
        if fr.strong and fr.mention is not None and not any(t.kind == "Q" for t in tokens[fr.last + 1:qi]):
            # “....” ends the sentence: what follows is the next sentence's credit
            return _from_frame(tokens, fr, "cue before", 0.85)
    # 1. right after the quotation: “...,” he said / “...,” said X
    for fr in frames:
        # only punctuation, or capitalised premodifiers ("Judicial Watch president"), between
        gap = tokens[qi + 1:fr.first]
        if fr.first > qi and len(gap) <= 4 and all(_premodifier(t) for t in gap):
            if sum(t.kind == "P" for t in gap) <= 2:
                return _from_frame(tokens, fr, "adjacent", 0.95)
    # 2. the nearest frame before it whose cue precedes it
    before = [fr for fr in frames if fr.cue_last < qi and fr.last < qi]
    if before:
        fr = before[-1]
        if fr.strong or _governs_closely(tokens, fr, qi):
            return _from_frame(tokens, fr, "cue before", 0.9)
    # 3. a colon after a clause about its subject: "Clinton apologized: “...”"
    if qi - 1 >= a and tokens[qi - 1].text == ":" and not frames:
        fr = subject_frame(tokens, a, qi - 1, text) or _label_frame(tokens, a, qi - 1, text)
        if fr is not None:
            return _from_frame(tokens, fr, "colon", 0.75)
    # 4. a closing aside: "... “shy away” from responding, said Psaki."
    for fr in frames:
        if fr.first > qi and tokens[fr.first - 1].text in {",", "—", "–", "-"} and fr.strong:
            if fr.inverted or _ends_clause(tokens, fr, b):
                return _from_frame(tokens, fr, "aside", 0.8)
    return None


def _speaker_label(tok: Token, text: str) -> Mention | None:
    """A transcript's speaker label opening the quotation: "PENCE: Well, ..."."""
    m = _LABEL_RE.match(text, tok.start + 1 if tok.text[:1] != "'" else tok.start + 2)
    if m is None:
        return None
    name = m.group(1)
    return Mention(m.start(1), m.end(1), name, "name", name.title(), (), name.lower().split()[-1])


def subject_frame(tokens: list[Token], a: int, colon: int, text: str) -> Frame | None:
    """The subject opening a sentence that ends in a colon, as a frame whose cue is the colon."""
    subj = _sentence_subject(tokens, a, colon, text)
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


def _premodifier(tok: Token) -> bool:
    """Punctuation, or a word that can stand before a name: "Senate minority leader"."""
    if tok.kind == "P" or tok.is_cap:
        return True
    return tok.kind == "W" and tok.lower.isalpha() and tok.lower not in NOT_NAMES and tok.lower not in CUE_FORMS


def _label_frame(tokens: list[Token], a: int, colon: int, text: str) -> Frame | None:
    """A name right before the colon credits the quotation: "pollster Daron Shaw: “...”"."""
    m = mention_before(tokens, colon - 1, a, text)
    if m is None or m.kind != "name" or m.org or m.text.isupper():
        return None
    fr = Frame(colon, colon, m, _first_index(tokens, colon - 1, a, m), colon - 1, False, True)
    fr.cue_chars = (tokens[colon].start, tokens[colon].end)
    return fr


def _governs_closely(tokens, fr: Frame, qi: int) -> bool:
    """A weak cue (called, described) governs only a quotation close after it."""
    gap = [t for t in tokens[fr.last + 1:qi]]
    return len(gap) <= 6 and not any(t.kind == "Q" for t in gap)


def _ends_clause(tokens, fr: Frame, b: int) -> bool:
    nxt = fr.last + 1
    while nxt < b and tokens[nxt].kind == "W" and tokens[nxt].lower in TIME_WORDS:
        nxt += 1
    return nxt >= b or tokens[nxt].kind == "P"


def _from_frame(tokens, fr: Frame, how: str, conf: float) -> Assignment:
    cue = fr.cue_chars
    if fr.passive and not fr.inherited:
        # "Blumenthal was asked, “...”", "Priebus was said to be “furious”": the
        # subject of a passive cue is not who says the quotation
        return Assignment(None, cue, "passive", 0.5, True)
    method = how if not fr.inherited else how + ", shared subject"
    return Assignment(fr.mention, cue, method, conf if fr.mention is not None else 0.5, True)
