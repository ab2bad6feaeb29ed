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

from quotetrack.engine.frames import Frame, find_frames, label_frame, sentence_subject, subject_frame
from quotetrack.engine.lexicon import CUE_FORMS, NOT_NAMES, PERSON_NOUNS, TIME_WORDS
from quotetrack.engine.mentions import Mention, mention_after
from quotetrack.engine.tokens import Paragraph, Token

# How many tokens away from a quotation a frame may stand and still govern it.
_REACH = 80
_DASHES = {"―", "—", "–", "-", "--"}
# An upper-case speaker label at the start of a transcript line.
_LABEL_RE = re.compile(r"\s*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s")



@dataclass
class Assignment:
    """What attribution settled for one quotation."""

    mention: Mention | None = None
    cue: tuple[int, int] | None = None  # character offsets
    method: str = "none"
    confidence: float = 0.0
    attributed: bool = False  # a frame or a chain claimed it (it is a real quotation)


def attribute(text: str, paras: list[Paragraph], n_quotes: int,
              frames_seen: dict[tuple[int, int], list[Frame]] | None = None) -> tuple[list[Assignment], list[Mention]]:
    """One Assignment per quotation (in article order), and the speaker
    mentions of every frame in the article (quoted or not). ``frames_seen``,
    when given, receives each sentence's frames by (paragraph index, first token)
    so that reported speech reads them without finding them again."""
    result = [Assignment() for _ in range(n_quotes)]
    subjects: list[Mention] = []
    prev_para_last: Assignment | None = None
    prev_para_frame: Frame | None = None
    prev_para_ends_in_quote = False
    prev_para_report: Frame | None = None  # "Carter said that ... ." before a quotation paragraph
    for n_para, para in enumerate(paras):
        tokens, sents = para.tokens, para.sents
        has_quotes = para.last > para.first
        last_assigned: Assignment | None = None
        pending: Frame | None = None  # a frame with no quotation, waiting for one
        if prev_para_ends_in_quote or (prev_para_frame is not None):
            pending = prev_para_frame
        for a, b in sents:
            frames = find_frames(tokens, a, b, text)
            if frames_seen is not None:
                frames_seen[n_para, a] = frames
            subjects.extend(f.mention for f in frames if f.mention is not None and not f.inherited)
            qs = [i for i in range(a, b) if tokens[i].kind == "Q"] if has_quotes else []
            firsts = [f.cue_first for f in frames]  # in cue order, so sorted
            for qi in qs:
                # only frames near the quotation can govern it (keeps huge lines linear)
                lo_f = bisect.bisect_left(firsts, qi - _REACH)
                hi_f = bisect.bisect_right(firsts, qi + _REACH)
                asg = _assign(tokens, qi, a, b, frames[lo_f:hi_f], text)
                if asg is None:
                    asg = _chain(tokens, qi, a, last_assigned, prev_para_last, pending)
                if asg is None and qi == 0 and prev_para_report is not None and _sentence_like(tokens[qi]):
                    asg = Assignment(prev_para_report.mention, prev_para_report.cue_chars,
                                     "previous paragraph", 0.65, True)
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
        prev_para_report = None
        if prev_para_frame is None and not has_quotes and pending is not None and pending.strong:
            m = pending.mention
            if m is not None and m.kind in {"name", "pronoun"} and not m.plural and not m.org:
                prev_para_report = pending
        if not has_quotes and prev_para_frame is None:
            prev_para_last = None
    _credit_lines(text, paras, result)
    return result, subjects


def _credit_lines(text: str, paras: list[Paragraph], result: list[Assignment]) -> None:
    """A quotation paragraph credited by the line after it: “...” / "- Bernie Sanders."."""
    for para, nxt in zip(paras, paras[1:]):
        toks = para.tokens
        if not toks or toks[0].kind != "Q" or any(t.kind == "W" for t in toks):
            continue
        if result[toks[0].quote].attributed or len(nxt.tokens) < 2 or nxt.tokens[0].text not in _DASHES:
            continue
        m = mention_after(nxt.tokens, 1, len(nxt.tokens), text)
        if m is not None and m.kind == "name" and not m.org:
            dash = nxt.tokens[0]
            for t in toks:
                if t.kind == "Q":
                    result[t.quote] = Assignment(m, (dash.start, dash.end), "dash", 0.8, True)


def _headline(tokens, qi, text) -> Assignment | None:
    """A headline's quotation belongs to the name that opens the headline:
    "Obama Sees ‘Personal Insult’ ...", "Sanders: Clinton needs to ‘...’"."""
    subj = sentence_subject(tokens, 0, qi, text)
    if subj is None or subj[0].kind != "name":
        return None
    return Assignment(subj[0], None, "headline", 0.6, True)


def _sentence_like(tok: Token) -> bool:
    """A quotation that reads as a sentence: a capital first letter and five words or more."""
    inner = tok.text.strip("“”\"'‘’«» ")
    return inner[:1].isupper() and len(inner.split()) >= 5


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


def _assign(tokens, qi, a, b, frames: list[Frame], text) -> Assignment | None:
    """The frame that governs the quotation at token ``qi``, as an Assignment."""
    label = _speaker_label(tokens[qi], text) or _label_before(tokens, a, qi, text)
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
        if ((fr.strong or _governs_closely(tokens, fr, qi)) and fr.mention is not None
                and not any(t.kind == "Q" for t in tokens[fr.last + 1:qi])):
            # “....” ends the sentence: what follows is the next sentence's credit
            return _from_frame(tokens, _outermost(tokens, before, fr), "cue before", 0.85)
    # 1. right after the quotation: “...,” he said / “...,” said X
    for fr in frames:
        # only punctuation, or capitalised premodifiers ("Judicial Watch president"), between
        gap = tokens[qi + 1:fr.first]
        if fr.first > qi and len(gap) <= 4 and all(_premodifier(t) for t in gap):
            if sum(t.kind == "P" for t in gap) <= 2:
                return _from_frame(tokens, fr, "adjacent", 0.95)
    # 2. the nearest frame before it whose cue precedes it (or the report holding that one)
    if before:
        fr = _outermost(tokens, before, before[-1])
        if fr.strong or _governs_closely(tokens, fr, qi):
            return _from_frame(tokens, fr, "cue before", 0.9)
    # 3. a colon after a clause about its subject: "Clinton apologized: “...”"
    if qi - 1 >= a and tokens[qi - 1].text == ":" and not frames:
        fr = subject_frame(tokens, a, qi - 1, text) or label_frame(tokens, a, qi - 1, text)
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


def _label_before(tokens, a: int, qi: int, text: str) -> Mention | None:
    """A transcript's speaker label in capitals right before the quotation:
    "MITCHELL: “...”", "MS. PSAKI: “...”", "OGS to Scott: “...”" (the words
    are the labelled speaker's, not the addressee's). "Q" and "QUESTION"
    label a questioner the transcript does not name."""
    if qi - 1 < a or tokens[qi - 1].text != ":":
        return None
    k = qi - 2
    # "OGS to Scott:": the addressee after "to" is not the speaker
    j = k
    while j >= a and tokens[j].is_cap and not _label_word(tokens[j]):
        j -= 1
    if a <= j < k and tokens[j].lower == "to":
        k = j - 1
    first = k + 1
    while first - 1 >= a and _label_word(tokens[first - 1]) and k - first < 4:
        first -= 1
    if first > k:
        return None
    prev = tokens[first - 1] if first - 1 >= a else None
    starts_line = "\n" in text[prev.end if prev is not None else 0:tokens[first].start] or first == a
    if prev is not None and not starts_line and prev.kind != "Q" and prev.text not in {":", ".", "?", "!"}:
        return None
    words = [t for t in tokens[first:k + 1] if t.lower not in _LABEL_TITLES]
    if not words:
        return None
    start, end = tokens[first].start, tokens[k].end
    if len(words) == 1 and words[0].lower in {"q", "question"}:
        return Mention(start, end, text[start:end], "description", None, (), "questioner")
    if all(w.lower in _ROLE_LABELS or w.lower in PERSON_NOUNS for w in words):
        # "HOST:", "REPORTER:", "AUDIENCE MEMBER:": a role, not a name
        return Mention(start, end, text[start:end], "description", None, (), words[-1].lower)
    honorific = tokens[first].lower if tokens[first].lower in _LABEL_TITLES else ""
    gender = "female" if honorific in {"ms", "mrs", "miss"} else "male" if honorific == "mr" else None
    # a short label in capitals is initials ("OGS"), a longer one a surname ("MITCHELL")
    name = " ".join(w.text if len(w.text) <= 3 else w.text.title() for w in words)
    return Mention(start, end, text[start:end], "name", name, (), name.lower().split()[-1], gender)


_ROLE_LABELS = {"host", "anchor", "reporter", "moderator", "interviewer", "audience", "member",
                "participant", "unidentified", "male", "female", "voice", "speaker", "narrator",
                "caller", "panelist", "correspondent", "announcer", "crosstalk", "off-camera"}
_LABEL_TITLES = {"mr", "ms", "mrs", "miss", "dr", "sen", "rep", "gov", "gen", "amb", "secretary",
                 "president", "minister", "prof"}


def _label_word(tok: Token) -> bool:
    """A word of a transcript label: in capitals ("SNOW", "MS.", "McCLELLAN")."""
    if tok.kind != "W":
        return False
    letters = [c for c in tok.text if c.isalpha()]
    if not letters:
        return False
    upper = sum(c.isupper() for c in letters)
    # "McCLELLAN": one lower-case letter in a name set in capitals
    return upper == len(letters) or (len(letters) >= 4 and upper >= len(letters) - 1)


def _premodifier(tok: Token) -> bool:
    """Punctuation, or a word that can stand before a name: "Senate minority leader"."""
    if tok.kind == "P" or tok.is_cap:
        return True
    return tok.kind == "W" and tok.lower.isalpha() and tok.lower not in NOT_NAMES and tok.lower not in CUE_FORMS


def _outermost(tokens, before: list[Frame], fr: Frame) -> Frame:
    """The reporting frame whose complement holds ``fr``: "Nance said she would
    like Trump to explain “...”" is Nance's report, not Trump's. A comma,
    colon or quotation between the two ends the outer report's reach."""
    for outer in before:
        if outer is fr or outer.mention is None or outer.inherited or not outer.strong:
            continue
        if outer.inverted or outer.cue_last >= fr.first:
            continue
        between = tokens[outer.cue_last + 1:fr.first]
        if any(t.kind == "Q" or t.text in {";", ":", ","} for t in between):
            continue
        return outer
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
