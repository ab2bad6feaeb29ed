"""Reported speech: every statement of an article, quoted or not.

``extract`` finds what stands between quotation marks. News attributes far
more without marks: "Biden said US officials are investigating", "The
rockets were launched from the east, the Pentagon said", "according to the
Pentagon, ...", and the mixed form "Psaki said the US would respond “in a
manner and time of our choosing”". ``extract_statements`` returns all of
them as ``Statement`` records of three kinds:

- ``direct``: the quotations ``extract`` finds (same spans, same speakers),
  those sharing one cue joined into one statement of several fragments
  ("X," he said, "Y.");
- ``indirect``: the reported clause of a cue, from after the cue (and its
  "that") to the clause's end, or the clause before a cue set off after it
  (", the Pentagon said."), "according to X" on either side;
- ``mixed``: a reported clause holding a quotation, which it takes in (the
  quotation is then no separate direct statement).

The clause is found by rules on the tokens: sentence ends, the commas that
set off a following cue, conjunctions and relative pronouns that open a new
clause of the narrator. Speakers are resolved as quotations' are, by the
same ``Resolver``. Each statement says whether its cue reports speech
(said, told, according to, wrote ...) or an attitude (believes, wants,
hopes, expects ...); evidence with no one behind it ("the poll shows") is
no statement, except "suggests that ...", which reports a clause (its
speaker then stays unnamed).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from quotetrack.engine.extract import candidates_in, chosen_quote, note_speakers, without_cycle_collection
from quotetrack.engine.frames import Frame, find_frames, sentence_subject
from quotetrack.engine.lexicon import (AUXILIARIES, CUE_FORMS, GROUP_NOUNS, NOT_NAMES, NUMBER_WORDS, PERSON_NOUNS,
                                       SENTENCE_ADVERBS, TIME_WORDS, is_title)
from quotetrack.engine.marks import find_quote_spans
from quotetrack.engine.mentions import Mention, finite_verb, mention_after, mention_before
from quotetrack.engine.model import Quote, Span
from quotetrack.engine.resolve import Resolver, build_registry
from quotetrack.engine.speaker_choice import load_model
from quotetrack.engine.tokens import Paragraph, Token, paragraphs

KINDS = ("direct", "mixed", "indirect")


@dataclass(frozen=True)
class Statement:
    """One attributed statement: what was said or held, by whom, through which cue.

    ``fragments`` are the (start, end) pieces of the content (one unless it
    is split around its cue); ``start``/``end``/``text`` run from the first
    fragment's start to the last one's end. ``kind`` is ``direct``,
    ``mixed`` or ``indirect``; ``cue_type`` is ``speech`` or ``attitude``.
    ``speaker`` is the resolved name or None; ``mention`` is where the text
    names the source ("he", "the Pentagon"), ``cue`` the reporting words.
    """

    kind: str
    start: int
    end: int
    text: str
    fragments: tuple[tuple[int, int], ...]
    speaker: str | None = None
    mention: Span | None = None
    cue: Span | None = None
    cue_type: str = "speech"
    confidence: float = 0.0
    method: str = "none"
    speaker_kind: str | None = None
    roles: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        """The attribution-format JSON of this statement (attribution-format.md)."""
        content = {"start": self.start, "end": self.end, "text": self.text}
        if len(self.fragments) > 1:
            content["fragments"] = [list(f) for f in self.fragments]
        d = {"content": content, "kind": self.kind, "speaker": self.speaker,
             "speaker_resolved": self.speaker is not None}
        if self.mention is not None:
            d["source"] = self.mention.to_dict()
        if self.cue is not None:
            d["cue"] = self.cue.to_dict()
        d["cue_type"] = self.cue_type
        d["confidence"] = round(self.confidence, 3)
        d["method"] = self.method
        if self.speaker_kind:
            d["speaker_kind"] = self.speaker_kind
        if self.roles:
            d["roles"] = list(self.roles)
        return d


# Cue bases that report a state of mind rather than an utterance.
ATTITUDE_BASES = frozenset("""
    think believe feel worry fret wonder remember consider deem envision envisage reckon figure
    guess estimate agree concur disagree want hope fear expect plan refuse know doubt intend
    wish suspect assume realize realise understand decline prefer endorse support oppose defend
    propose
""".split())
# Verbs of believing and wanting that are no speech verbs (so the frames stage
# does not know them), with their forms; each is looked up for a subject here.
_ATTITUDE_FORMS = {}
for _base, _forms in (("want", "want wants wanted wanting"), ("hope", "hope hopes hoped hoping"),
                      ("fear", "fear fears feared fearing"), ("expect", "expect expects expected expecting"),
                      ("plan", "plan plans planned planning"), ("refuse", "refuse refuses refused refusing"),
                      ("know", "know knows knew"), ("doubt", "doubt doubts doubted"),
                      ("intend", "intend intends intended"), ("wish", "wish wishes wished"),
                      ("suspect", "suspect suspects suspected"), ("decline", "decline declines declined"),
                      ("assume", "assume assumes assumed"), ("realize", "realize realizes realized"),
                      # stances taken towards a person or a plan: "endorsed Trump", "opposed the bill"
                      ("endorse", "endorses endorsed endorsing"), ("support", "supports supported supporting"),
                      ("oppose", "opposes opposed opposing"), ("defend", "defends defended defending"),
                      ("propose", "proposes proposed proposing")):
    for _f in _forms.split():
        _ATTITUDE_FORMS[_f] = _base
# Cues that report evidence, not a source's words: a statement only when a
# person or an organisation stands behind them ("the poll shows" is none).
_EVIDENCE_BASES = frozenset("find show indicate reveal suggest confirm estimate".split())
# Verbs that report words when they introduce a quotation ("he continued: “...”") or a
# "that" clause ("she maintained that ..."), and otherwise tell of something else.
_QUOTING_BASES = frozenset("begin start put finish open close end maintain email roar".split())
# Verbs whose first object is the hearer: "told reporters that ...".
_HEARER_VERBS = frozenset("""
    tell assure warn remind inform urge ask advise notify promise caution reassure convince
    persuade write email text message
""".split())
# Words opening a setting between a cue and its "that": "said on Tuesday in a
# statement that", "told reporters at the White House that".
_SETTING_OPENERS = frozenset("in on at during to earlier later last this".split())
# The medium of a speech event, closing the reported clause: "... in a statement".
_MEDIA = frozenset("""
    statement interview email e-mail tweet letter speech post release op-ed memo radio television
    broadcast call conference briefing
""".split())
# Words that open the setting of a speech event after its cue ("..., she said
# on Tuesday in a statement."), not an object of the verb ("called for").
_ADJUNCT_OPENERS = frozenset("in on at during earlier later last this after before while when".split())
# Words opening an introductory phrase, not the reported clause.
_INTRODUCERS = frozenset("""
    in on at during after before since when while as if although though despite for with without
    by from under over throughout following amid
""".split())
# Words that open a new clause of the narrator after a comma.
_CLAUSE_OPENERS = frozenset("and but while whereas although though yet so because which who".split())
_MIN_WORDS = 2
# A report of one word: "said so", "said yes", "would not say when".
_ONE_WORD_ANSWERS = frozenset("so yes no when why how where who what whether".split())
# Words that open the narrator's comment on a report after a comma
_NARRATOR_ASIDES = frozenset("although though whereas despite while compared".split())
# Words after a comma that open the narrator's comment on what the report mentions:
# "..., which is spread by mosquitoes", "..., as has the mayor", "..., but they ..."
_COMMENT_OPENERS = frozenset("which who whom whose".split())
# Subordinators that open a clause before the main one
_SUBORDINATORS = frozenset("although though when while as after before because since if once unless".split())


def _participle_clause(tok: Token) -> bool:
    """An -ing verb opening a clause after a comma ("..., saying ...", "..., adding ...")."""
    return tok.kind == "W" and tok.text.islower() and tok.lower.endswith("ing") and len(tok.lower) > 5 \
        and tok.lower not in _ING_PREPOSITIONS


# Words in -ing that are prepositions: ", including ..." goes on with the phrase before it.
_ING_PREPOSITIONS = frozenset("including regarding concerning excluding notwithstanding barring".split())


def extract_statements(text: str) -> list[Statement]:
    """Every statement of ``text`` (direct, mixed, indirect) with its speaker, in text order.

    Direct statements are the quotations ``quotetrack.extract`` finds, a
    quotation split around its cue joined into one statement; reported ones
    are read off the cues of every sentence. Raises TypeError for a non-str.
    """
    if not isinstance(text, str):
        raise TypeError("extract_statements() takes the article text as a str, not %s" % type(text).__name__)
    with without_cycle_collection():
        return _statements(text)


def quotations_and_reported(text: str) -> tuple[tuple[Quote, ...], tuple[Statement, ...]]:
    """The quotations of ``text`` exactly as ``extract`` gives them, and its mixed and indirect
    statements as ``extract_statements`` gives them, the article read once.

    What a library stores of an article (and a dataset of ``extract --out`` holds):
    ``extract_statements`` computes ``extract``'s quotations on its way, so calling both
    would read the article twice, and extraction is most of an ingest's time. Its
    ``direct`` statements are left out: they are the same quotations joined around a
    shared cue, which the quotations already stand for. Raises TypeError for a non-str.
    """
    if not isinstance(text, str):
        raise TypeError("quotations_and_reported() takes the article text as a str, not %s"
                        % type(text).__name__)
    with without_cycle_collection():
        quotes, reported, _absorbed = _read(text)
    reported.sort(key=lambda s: (s.start, s.end))
    return tuple(quotes[n] for n in sorted(quotes)), tuple(reported)


def _statements(text: str) -> list[Statement]:
    quotes, reported, absorbed = _read(text)
    out = _direct_statements(text, quotes, absorbed) + reported
    out.sort(key=lambda s: (s.start, s.end))
    return out


def _read(text: str) -> tuple[dict[int, Quote], list[Statement], set[int]]:
    """The article read once: its quotations as ``extract`` gives them (by their index among
    its quotation spans), its reported statements (unsorted) and the quotations a mixed
    statement took in."""
    spans = find_quote_spans(text)
    paras = paragraphs(text, spans)
    if not paras:
        return {}, [], set()
    registry, names, starts = build_registry(text, paras)
    resolver = Resolver(registry, names, starts)
    quotes: dict[int, Quote] = {}
    frames_seen: dict[tuple[int, int], list[Frame]] = {}  # each sentence's frames, found once
    if spans:
        quotes = _direct_quotes(text, spans, paras, resolver, starts, frames_seen)
    else:
        # what quote_candidates does when there are quotations: cue subjects count as mentions
        _note_subjects(text, paras, resolver, frames_seen)
    reported, absorbed = _reported(text, paras, resolver, quotes, frames_seen)
    return quotes, reported, absorbed


def _note_subjects(text: str, paras: list[Paragraph], resolver: Resolver,
                   frames_seen: dict[tuple[int, int], list[Frame]]) -> None:
    subjects = []
    for n_para, para in enumerate(paras):
        for a, b in para.sents:
            frames = frames_seen[n_para, a] = find_frames(para.tokens, a, b, text)
            subjects.extend(f.mention for f in frames if f.mention is not None and not f.inherited)
    note_speakers(resolver, subjects)


def _direct_quotes(text, spans, paras, resolver, starts, frames_seen) -> dict[int, Quote]:
    """The quotations exactly as ``extract`` gives them, by their index among the
    article's quotation spans (the same steps as ``extract.quote_candidates``,
    sharing the paragraphs and resolver so the article is read once)."""
    model = load_model()
    return {n: chosen_quote(text, item, model)
            for n, item in candidates_in(text, spans, paras, resolver, starts, frames_seen)}


def _direct_statements(text: str, quotes: dict[int, Quote], absorbed: set[int]) -> list[Statement]:
    """Direct statements: quotations not taken into a mixed one, those sharing a
    cue (and speaker) one after the other joined into one statement."""
    out: list[Statement] = []
    group: list[Quote] = []

    def flush() -> None:
        if group:
            out.append(_from_quotes(text, group))
            group.clear()

    for n in sorted(quotes):
        if n in absorbed:
            flush()
            continue
        q = quotes[n]
        if group and q.cue is not None and group[-1].cue is not None and q.cue.start == group[-1].cue.start \
                and q.speaker == group[-1].speaker:
            group.append(q)
            continue
        flush()
        group.append(q)
    flush()
    return out


def _from_quotes(text: str, qs: list[Quote]) -> Statement:
    q = qs[0]
    frags = tuple((x.start, x.end) for x in qs)
    return Statement("direct", frags[0][0], frags[-1][1], text[frags[0][0]:frags[-1][1]],
                     frags, q.speaker, q.mention, q.cue, cue_type(q.cue.text if q.cue else None),
                     q.confidence, q.method, q.speaker_kind, q.roles)


def cue_type(cue: str | None) -> str:
    """``attitude`` for a cue of believing, wanting or intending; else ``speech``."""
    if not cue:
        return "speech"
    for w in cue.lower().replace("’", "'").split():
        w = w.strip(".,:;")
        base = CUE_FORMS.get(w) or _ATTITUDE_FORMS.get(w)
        if base is not None:
            return "attitude" if base in ATTITUDE_BASES else "speech"
    return "speech"


# ---------------------------------------------------------------------------
# reported clauses


@dataclass
class _Found:
    frags: list[tuple[int, int]]  # token ranges [i, j)
    frame: Frame
    para: Paragraph
    attitude: bool
    method: str


def _reported(text, paras, resolver, quotes, frames_seen) -> tuple[list[Statement], set[int]]:
    out: list[Statement] = []
    absorbed: set[int] = set()
    counts = _WordCounts(text)
    for n_para, para in enumerate(paras):
        tokens = para.tokens
        labelled = _labelled_line(text, para, resolver, quotes, absorbed, counts)
        if labelled is not None:
            # "TAPPER: Do you think ...", "Lynch: No outside influence on FBI probe": the
            # line is the labelled speaker's, reports inside it included
            out.append(labelled)
            continue
        for a, b in para.sents:
            found = frames_seen.get((n_para, a))
            frames = _frames(tokens, a, b, text, find_frames(tokens, a, b, text) if found is None else found)
            if not frames:
                continue
            spans: list[tuple[int, int]] = []  # token ranges of the sentence's statements so far
            # "according to X" scopes over its whole clause and the reports inside it
            end = _sentence_end(tokens, a, b)
            for k in sorted(range(len(frames)), key=lambda k: (
                    not (_is_according(tokens, frames[k]) or _closing_cue(tokens, frames[k], a, end, text)), k)):
                fr = frames[k]
                if any(i <= fr.cue_first < j for i, j in spans):
                    # a report inside a report ("He said Obama hopes that ..."): the
                    # outer statement holds it, as news annotation reads it
                    continue
                found = _content(tokens, a, b, frames, k, text)
                if found is None:
                    continue
                frags, method = found
                if any(f in spans for f in frags):
                    continue  # "Asked if ..., the candidate laughed": one clause, one statement
                st = _statement(text, tokens, frags, fr, method, resolver, quotes, absorbed)
                if st is not None:
                    out.append(st)
                    spans.extend(frags)
    # a quotation taken into a mixed statement is no separate direct one
    return out, absorbed


class _WordCounts:
    """How often each word occurs in an article (a possessive counts for its word too, and
    a compound for its parts: "Seitz-Wald's", "Lynch-led"), counted once, when a labelled
    line first asks: searching the text again for every labelled line made a long
    transcript's time grow with the square of its length."""

    _WORD = re.compile(r"\w+(?:['’-]\w+)*")

    def __init__(self, text: str) -> None:
        self.text = text
        self.counts: Counter[str] | None = None

    def __getitem__(self, word: str) -> int:
        if self.counts is None:
            self.counts = Counter(self._WORD.findall(self.text))
            for w, n in list(self.counts.items()):
                if w.endswith(("'s", "’s")):
                    w = w[:-2]
                    self.counts[w] += n
                if "-" in w:
                    for part in w.split("-"):
                        self.counts[part] += n
        return self.counts[word]


def _labelled_line(text, para, resolver, quotes, absorbed, counts: _WordCounts) -> Statement | None:
    """A line opened by a speaker's label and a colon, its rest what the speaker said: a
    transcript's "TAPPER: Do you think ...", "Q: How did it go?", a headline's "Lynch: No
    outside influence on probe" or "Clinton to Planned Parenthood: Trump will reverse
    Roe". A label in mixed case must name someone the article names again (so a section
    label, "Football:", is none); one in capitals is a transcript's."""
    tokens = para.tokens
    k = 0
    while k < len(tokens) and k <= 7 and tokens[k].kind == "W" or (k < len(tokens) and tokens[k].text in {".", "-"}
                                                                   and k > 0):
        k += 1
    if not (0 < k < len(tokens) - 3 and tokens[k].text == ":" and tokens[0].kind == "W"):
        return None
    words = [t for t in tokens[:k] if t.kind == "W"]
    content = tokens[k + 1:]
    if sum(1 for t in content if t.kind == "W") < 3 or any(t.text == ":" for t in content[:1]):
        return None
    if all(t.text.isupper() for t in words) and len(words) <= 3:
        label = " ".join(t.text for t in words)
        if label in {"Q", "A", "QUESTION", "ANSWER"}:
            m = Mention(tokens[0].start, tokens[k - 1].end, label, "description", None, (), label.lower())
        elif label.lower() in NOT_NAMES or label.lower() in _SECTION_LABELS:
            return None
        else:
            name = " ".join(w.capitalize() for w in label.split())
            m = Mention(tokens[0].start, tokens[k - 1].end, label, "name", name, (), name.split()[-1].lower())
    else:
        m = mention_after(tokens, 0, k, text)
        if m is None or m.kind != "name" or m.start != tokens[0].start or not m.name:
            return None
        rest = [t for t in tokens[:k] if t.start >= m.end]
        if rest and (rest[0].lower not in {"to", "at", "on", "in"} or len(rest) > 4):
            return None  # "Clinton to Planned Parenthood:", not "Signs of momentum shifts:"
        if counts[m.name.split()[-1]] < 2:
            return None
    i = k + 1
    j = _strip_back(tokens, i, len(tokens))
    if j - i < 3:
        return None
    fr = Frame(k, k, m, 0, k - 1, False, True)
    fr.cue_chars = (tokens[k].start, tokens[k].end)
    if all(t.kind == "Q" or t.kind == "P" for t in tokens[i:j]):
        return None  # the quotation is the direct statement
    if any(t.kind == "Q" and t.quote in quotes and quotes[t.quote].speaker for t in tokens[i:j]):
        return None  # a quotation there already has its speaker: the engine read the line
    return _statement(text, tokens, [(i, j)], fr, "speaker label", resolver, quotes, absorbed)


# Capitalised labels of a section or a genre, not of a speaker.
_SECTION_LABELS = frozenset("""breaking exclusive update updated watch video photos photo live opinion analysis
    editorial note correction clarification editor's transcript source sources""".split())


def _closing_cue(tokens, fr, a, end, text) -> bool:
    """A cue set off by a comma that closes its sentence (", the Pentagon said.", ", said
    Smith, a former senator."): it reports the whole clause before it, the reports inside
    that clause included."""
    if fr.mention is None or fr.first - 1 <= a or tokens[fr.first - 1].text != ",":
        return False
    if _base(tokens, fr) not in _CLOSING_CUES:
        return False  # "Asked whether ..., Keller smiled": a manner of speaking reports no clause
    return fr.inverted or _only_adjuncts(tokens, _past_hearer(tokens, fr, end, text), end)



def _frames(tokens: list[Token], a: int, b: int, text: str, speech: list[Frame]) -> list[Frame]:
    """The speech frames of the sentence (``speech``: what ``find_frames`` found there)
    and the attitude frames found here."""
    frames = []
    for f in speech:
        cue = tokens[f.cue_first]
        if f.cue_first - 1 >= a and tokens[f.cue_first - 1].lower in _DETERMINERS and cue.lower == _base_of(cue.lower):
            continue  # "all major Democrats in the state": a noun after "the", no verb
        if _adjectival(tokens, a, f.cue_first, b):
            continue  # "her lead in pledged delegates": a participle before its noun, no verb
        if f.cue_first - 1 > a and tokens[f.cue_first - 1].lower == "to" and cue.lower == _base_of(cue.lower) \
                and (_base_of(cue.lower) in _EVIDENCE_BASES or _base_of(cue.lower) in _QUOTING_BASES):
            continue  # "began to find her voice": an infinitive that reports nothing
        if cue.lower in {"state", "states"} and not (f.cue_first - 1 >= a and tokens[f.cue_first - 1].lower in _MODALS):
            continue  # "the state", "Democrats in 20 states": the verb is "stated"
        if not f.inverted and f.cue_first - 1 >= a and tokens[f.cue_first - 1].text == "," and not f.passive \
                and f.cue_last + 1 < b and not _is_according(tokens, f) and not cue.lower.endswith("ing") \
                and _base_of(cue.lower) not in _HEARER_VERBS:  # not ", saying Christie was", ", told CNN"
            # "..., said Larry Sabato, director of ...": the name after the cue is its subject
            m = mention_after(tokens, f.cue_last + 1, b, text)
            if m is not None and m.kind == "name" and m.start == tokens[f.cue_last + 1].start:
                k = f.cue_last + 1
                while k + 1 < b and tokens[k + 1].end <= m.end:
                    k += 1
                f = Frame(f.cue_first, f.cue_last, m, f.cue_last + 1, k, True, True)
                f.cue_chars = (cue.start, tokens[f.cue_last].end)
        if f.inverted and f.m_first > f.cue_first and not _is_according(tokens, f) and not _only_adjuncts(tokens, f.m_last + 1, _sentence_end(tokens, a, b)) \
                and tokens[f.m_last + 1].text not in _CLOSING:
            # "Yin Myint May, 60, a doctor, said she was elated": the words after the cue
            # go on as a clause, so they are what was said, not an inverted subject
            f = _subject_frame(tokens, a, f.cue_first, text) or f
        if f.mention is None and not f.passive and not _is_according(tokens, f):
            # "In an interview with the board of the Post Trump said": the frames stage
            # read the name as a preposition's object; the subject search here may find it
            f = _subject_frame(tokens, a, f.cue_first, text) or f
        if f.mention is not None or _is_according(tokens, f):
            frames.append(f)
    taken = {f.cue_first for f in frames}
    title_case = None
    for c in range(a, b):
        tok = tokens[c]
        if tok.lower not in _CUE_WORDS or tok.kind != "W" or c in taken or _adjectival(tokens, a, c, b):
            continue
        if tok.is_cap and c > a and title_case is None:
            # a headline in title case ("Bernie Sanders Promises Action") capitalises its verbs too
            words = [t for t in tokens[a:b] if t.kind == "W"]
            title_case = len(words) >= 3 and sum(t.is_cap for t in words) >= 0.7 * len(words)
        if tok.lower == "according" and c + 1 < b and tokens[c + 1].lower == "to":
            fr = _according_frame(tokens, c, b, text)
        elif tok.lower in _SPEECH_NOUNS and c + 1 < b and tokens[c + 1].lower in _SPEECH_NOUNS[tok.lower] \
                and c - 1 >= a and tokens[c - 1].possessive:
            fr = _possessor_frame(tokens, a, c, text)
        elif tok.lower == "reportedly":
            # "The club is reportedly spending $1.5 million": the clause is a report by no one named
            fr = Frame(c, c, _UNNAMED, -1, -1, False, False)
            fr.cue_chars = (tok.start, tok.end)
        elif tok.lower in {"state", "states"} and not (c - 1 >= a and tokens[c - 1].lower in _MODALS):
            continue  # "in 11 states", "Rust Belt states that": the noun, as for the frames above
        elif tok.lower == "asked" and c + 1 < b and tokens[c + 1].lower in _QUESTION_OPENERS and (
                c == a or tokens[c - 1].lower in {"when", "after", "once", "if"} or tokens[c - 1].text == ","):
            # "Asked whether he would run, Biden said ...", "he said when asked about it": a
            # question put by someone the text does not name
            fr = Frame(c, c, _UNNAMED, -1, -1, False, False)
            fr.cue_chars = (tok.start, tok.end)
        elif c - 1 > a and tokens[c - 1].lower == "to" and _base_of(tok.lower) in _SAYING_TO and tok.lower == _base_of(tok.lower):
            # "declined to say whether", "took the stage to acknowledge his victory": the
            # subject of the sentence says it (not an object: "urged Keller to explain")
            fr = _infinitive_frame(tokens, a, b, c, text)
        elif tok.is_cap and c > a and not title_case:
            continue  # "the so-called Islamic State": a capital mid-sentence is a name, no verb
        elif tok.lower in _ATTITUDE_FORMS or tok.lower in _ECHO_FORMS or (tok.lower in CUE_FORMS and (
                _finite(tok.lower) or _present_plural(tokens, a, c) or _people_subject_ahead(tokens, a, c)
                or (c - 1 >= a and tokens[c - 1].lower == "who")
                or (tok.lower.endswith("s") and c + 1 < b and _object_preposition(tokens, c + 1, CUE_FORMS[tok.lower])))) or (
                tok.lower in _TOPIC_FORMS and c + 1 < b and _object_preposition(tokens, c + 1, _TOPIC_FORMS[tok.lower])
                and (tok.lower != _TOPIC_FORMS[tok.lower] or _present_plural(tokens, a, c))):
            fr = _subject_frame(tokens, a, c, text)
            if fr is None and tok.lower.endswith("ing") and c - 1 > a and tokens[c - 1].text == ",":
                fr = _participle_frame(tokens, a, c, text)
        else:
            continue
        if fr is not None:
            frames.append(fr)
    frames.sort(key=lambda f: f.cue_first)
    # "if Sanders gets close, he will start trying ...": a verb that reports words only
    # before a quotation or "that" is no cue elsewhere, and bounds no other report
    return [f for f in frames if _base(tokens, f) not in _QUOTING_BASES or f.inverted or any(
        t.lower == "that" or t.kind == "Q" or t.text == ":" for t in tokens[f.last + 1:min(b, f.last + 4)])
        or (f.first - 1 > a and tokens[f.first - 1].text == "," and _only_adjuncts(tokens, f.last + 1, _sentence_end(tokens, a, b)))]


_DETERMINERS = frozenset("the a an his her their its our my your this that these those".split())
# Prepositions no finite verb follows: a past participle after one modifies the noun after it.
_PREPOSITIONS = frozenset("in of on at for with by from into among between about".split())


def _adjectival(tokens, a, c, b) -> bool:
    """The form in -ed at ``c`` is a participle before the noun it modifies, no verb: it comes
    right after a preposition or a count and a plain word follows ("a lead in pledged
    delegates", "60 pledged delegates")."""
    tok = tokens[c]
    if not tok.lower.endswith("ed") or c - 1 < a or c + 1 >= b:
        return False
    prev, nxt = tokens[c - 1], tokens[c + 1]
    if not (nxt.kind == "W" and not nxt.is_cap and nxt.lower not in _DETERMINERS and nxt.lower not in AUXILIARIES
            and nxt.lower not in _PREPOSITIONS and nxt.lower not in _QUESTION_OPENERS
            and nxt.lower not in {"to", "that", "and", "or", "but", "as"}):
        return False
    # (after a count the noun is a plural: not "in 2008 questioned whether")
    return prev.lower in _PREPOSITIONS or (prev.text[:1].isdigit() and prev.kind == "W" and nxt.lower.endswith("s"))


# Verbs of saying read after "to" with the sentence's subject as the speaker.
_SAYING_TO = frozenset("""say tell explain declare defend acknowledge comment discuss announce criticize criticise
    describe respond ask call urge argue claim complain warn praise deny confirm reveal disclose answer
    address speak talk insist predict promise pledge""".split())


def _infinitive_frame(tokens, a, b, c, text) -> Frame | None:
    """The frame of a verb of saying after "to" whose speaker is the sentence's subject."""
    obj = tokens[c - 2]
    if obj.is_cap or obj.lower in {"me", "him", "her", "us", "them", "you", "it", "reporters", "voters"} \
            or obj.possessive:
        return None  # "urged Keller to explain", "asked them to say": the object speaks
    return _opening_subject_frame(tokens, a, c, text, False)


def _opening_subject(tokens, a, c, text):
    """(mention, first, last) of the subject opening the sentence before ``c``: a name or
    a pronoun, else a noun phrase of people before the first auxiliary ("Democratic
    voters are more likely to say"), which names nobody in particular; or None."""
    found = sentence_subject(tokens, a, c, text)
    if found is None:
        k = a
        while k < c and tokens[k].kind == "W" and tokens[k].lower not in AUXILIARIES and k - a < 8:
            k += 1
        if k == a or k >= c or tokens[k].lower not in AUXILIARIES:
            return None  # no subject before an auxiliary opens the sentence
        lows = [t.lower for t in tokens[a:k]]
        if not any(_people_noun(w) or w in GROUP_NOUNS for w in lows) or any(w in CUE_FORMS for w in lows):
            return None
        m = Mention(tokens[a].start, tokens[k - 1].end, text[tokens[a].start:tokens[k - 1].end], "description",
                    None, (), lows[-1], None, False, True)
        found = (m, a, k - 1)
    return found if found[2] < c - 1 else None


# Words opening an indirect question: "asked whether ...", "asked about ...".
_QUESTION_OPENERS = frozenset("whether if why what how who whom which where when about".split())
# The source of a question put by someone unnamed ("Asked whether ..."): no mention at all.
_UNNAMED = Mention(0, 0, "", "description")


def _participle_frame(tokens, a, c, text) -> Frame | None:
    """"An army of workers had amassed at the centre, calling for her firing": a participle
    after a comma shares the subject of the sentence, which speaks (named when it names
    someone, else the noun phrase opening the sentence names nobody in particular)."""
    return _opening_subject_frame(tokens, a, c, text, True) or _described_subject_frame(tokens, a, c, text)


def _described_subject_frame(tokens, a, c, text) -> Frame | None:
    """The participle's frame when a description of a person or a group opens the sentence
    (after an introductory phrase) right before its verb: "The departments declined to
    comment, saying ...", "In May, a federal judge sided with them, saying ..."."""
    starts = [a]
    for x in range(a, min(c, a + 20)):
        if tokens[x].text == ",":
            starts.append(x + 1)
            break
    for st in starts:
        m = mention_after(tokens, st, c, text)
        if m is None or m.kind != "description" or m.start != tokens[st].start or not _source_like(m):
            continue
        e = st
        while e < c and tokens[e].end <= m.end:
            e += 1
        verb = tokens[e] if e < c - 1 else None
        if verb is not None and verb.kind == "W" and not verb.is_cap and (
                verb.lower.endswith("ed") or verb.lower in AUXILIARIES or verb.lower in CUE_FORMS
                or verb.lower in _ATTITUDE_FORMS):
            fr = Frame(c, c, m, st, e - 1, False, False, True)
            fr.cue_chars = (tokens[c].start, tokens[c].end)
            return fr
    return None


def _opening_subject_frame(tokens, a, c, text, inherited: bool) -> Frame | None:
    """The frame of the cue at ``c`` with the sentence's opening subject as its speaker."""
    found = _opening_subject(tokens, a, c, text)
    if found is None:
        return None
    m, first, last = found
    fr = Frame(c, c, m, first, last, False, False, inherited)
    fr.cue_chars = (tokens[c].start, tokens[c].end)
    return fr


def _present_plural(tokens: list[Token], a: int, c: int) -> bool:
    """A base form right after a noun in the plural or a count: "Police say", "Democrats
    argue", "42% say", "one in five say", "a third of voters, 33%, say" (not "to say",
    "would say" or "the say")."""
    prev = tokens[c - 1] if c - 1 >= a else None
    if prev is not None and prev.text == "," and c - 2 >= a:
        prev = tokens[c - 2]  # a count set off by commas: "a third of independents, 33%, say"
        if c - 4 >= a and prev.lower in _ASIDE_ADVERBS and tokens[c - 3].text == ",":
            prev = tokens[c - 4]  # "Others, however, say"
        elif not _counts(prev):
            return False
    if prev is None:
        return False
    if prev.lower in {"many", "most", "some", "few", "several", "others", "both", "all"} or _those_asked(tokens, c - 2, a):
        return True  # "many argue", "some say", "those surveyed say"
    if prev.lower in _MODALS:
        # "would not say", "didn't comment", "can argue": a verb of saying after its auxiliary
        return CUE_FORMS.get(tokens[c].lower) in _SAYING
    if prev.is_cap and prev.kind == "W" and any(
            tokens[x].lower == "and" and tokens[x + 1].is_cap for x in range(max(a, c - 7), c - 1)):
        return True  # "Jeb Bush and Chris Christie say"
    if _counts(prev):
        # a count with a verb after it, not a noun after a number: "In two tweets, he said"
        nxt = tokens[c + 1] if c + 1 < len(tokens) else None
        in_ratio = c - 3 >= a and tokens[c - 2].lower == "in" and (
            _counts(tokens[c - 3]) or tokens[c - 3].lower == "one")  # "one in five say"
        return nxt is not None and nxt.kind == "W" and (in_ratio or not (
            c - 2 >= a and tokens[c - 2].lower in _INTRODUCERS and prev.lower != "percent"))
    return prev.kind == "W" and (prev.lower.endswith("s") or prev.lower in _PLURALS) \
        and prev.lower not in AUXILIARIES and prev.lower not in NOT_NAMES


def _those_asked(tokens: list[Token], x: int, a: int) -> bool:
    """"those" and a participle at ``x``: the people a poll asked ("those surveyed say")."""
    return x >= a and x + 1 < len(tokens) and tokens[x].lower == "those" and tokens[x + 1].lower.endswith("ed")


def _people_subject_ahead(tokens: list[Token], a: int, c: int) -> bool:
    """A subject of people with words that modify it opens the clause before the
    base form at ``c``: "Supporters who have heard from the campaign say"."""
    k = c
    while k - 1 >= a and c - k < 12 and tokens[k - 1].kind == "W":
        k -= 1
    lows = [t.lower for t in tokens[k:c]]
    while lows and lows[0] in _LEADING_LINKS:
        lows.pop(0)
    if 1 < len(lows) <= 8 and "percent" in lows and not any(w in AUXILIARIES for w in lows):
        return True  # "Thirty-one percent of those surveyed say"
    return len(lows) > 1 and _plural_people_head(lows) is not None


# Adverbs set off by commas between a subject and its verb: "Others, however, say".
_ASIDE_ADVERBS = SENTENCE_ADVERBS | {"however", "meanwhile", "too", "though", "instead", "moreover", "indeed"}


def _counts(tok: Token) -> bool:
    """A token that ends a count of people: "42%", "61 percent", "one in five"."""
    return tok.text == "%" or tok.lower == "percent" or tok.text.isdigit() or tok.lower in _COUNT_WORDS


_COUNT_WORDS = NUMBER_WORDS | {"two", "three"}  # not "one": "one tweet"


_PLURALS = frozenset("police people staff press public media".split())
# Verbs of saying proper, read as verbs after an auxiliary (not "could start").
_SAYING = frozenset("""say tell comment confirm discuss argue claim predict deny explain admit respond answer
    disclose reveal specify elaborate acknowledge announce insist suggest warn promise""".split())
# Verbs of saying that report the clause before them from the end of the sentence.
_CLOSING_CUES = frozenset("say tell add write report note contend conclude observe estimate".split()) | _SAYING
# Auxiliaries a base form follows as a verb: "would not say", "didn't say".
_MODALS = frozenset("""would could will can may might should must shall do does did not never
    wouldn't couldn't won't can't cannot didn't doesn't don't wouldn’t couldn’t won’t can’t didn’t doesn’t don’t
    n't n’t""".split())


def _finite(form: str) -> bool:
    """A cue form that can only be a verb here: a past tense or -ing form, or an
    -s form of a verb with no plural noun ("says", "tells"); not "claims", "calls"."""
    base = CUE_FORMS[form]
    if form == base:
        return False
    if form.endswith("s"):
        return base in {"say", "tell", "add", "argue", "insist", "explain", "believe", "think", "write",
                        "suggest", "warn", "admit", "maintain", "contend", "declare", "acknowledge",
                        "announce", "note", "tweet", "predict", "deny", "agree"}
    return True


def _according_frame(tokens: list[Token], c: int, b: int, text: str) -> Frame | None:
    """"according to X", whatever X is: a name, "exit polls", "a complaint filed by ...";
    its source runs to the next comma or the sentence end."""
    i = c + 2
    if i >= b:
        return None
    k = i
    while k + 1 < b and tokens[k + 1].text not in {",", ";", "—", "–", "(", ")"} and tokens[k + 1].kind != "Q" \
            and not (tokens[k + 1].kind == "P" and tokens[k + 1].text in ".!?"):
        k += 1
    m = mention_after(tokens, i, k + 1, text)
    if m is None or m.end > tokens[k].end:
        src = text[tokens[i].start:tokens[k].end]
        low = src.lower()
        m = Mention(tokens[i].start, tokens[k].end, src, "description", None, (), low.split()[-1], None, False,
                    low.endswith("s"))
    fr = Frame(c, c + 1, m, i, k, True)
    fr.cue_chars = (tokens[c].start, tokens[c + 1].end)
    return fr


_CLOSING = frozenset(".,;!?")
# Words a subject may stand apart from its verb by: "just this month", "all".
_SUBJECT_GAP = {"just", "all", "both", "each", "this", "that", "last", "month", "week", "year", "night",
                "morning", "afternoon", "evening", "weekend", "alone", "too", "however", "meanwhile",
                "long", "here", "there"}  # "Cruz has long said", "campaign workers here said"


def _subject_frame(tokens: list[Token], a: int, c: int, text: str) -> Frame | None:
    """"Clinton hopes ...", "officials do not expect ...", "Wells Fargo just this month
    announced": the subject before a verb the frames stage left without one."""
    nxt = tokens[c + 1] if c + 1 < len(tokens) else None
    if nxt is None or nxt.lower in {"and", "are", "were", "is", "was"} or (
            nxt.lower in {"of", "for"} and not _object_preposition(tokens, c + 1, _base_of(tokens[c].lower))):
        return None  # "hopes of a deal", "the plans are": a noun ("called for a ban" is a verb)
    if nxt.kind != "W" and not (nxt.text in _CLOSING and _speech_verb(tokens[c].lower)):
        return None  # a verb of saying may close its clause: "..., officials say."
    prev = tokens[c - 1] if c - 1 >= a else None
    if prev is not None and prev.lower in {"the", "a", "an", "his", "her", "their", "its", "our", "my",
                                          "your", "no", "any", "those", "these", "such"}:
        return None
    j = c - 1
    if j - 2 >= a and tokens[j].text == "," and tokens[j - 1].lower in _ASIDE_ADVERBS and tokens[j - 2].text == ",":
        j -= 3  # "Others, however, say": the adverb stands between subject and verb
    participle = tokens[c].lower.endswith("ed") or tokens[c].lower in {"known", "told", "said", "written"}
    while j >= a and tokens[j].kind == "W" and not tokens[j].is_cap and (
            tokens[j].lower in AUXILIARIES or tokens[j].lower.endswith(("ly", "n't", "n’t"))
            or tokens[j].lower in TIME_WORDS or tokens[j].lower in _SUBJECT_GAP):
        if participle and tokens[j].lower in {"is", "was", "are", "were", "be", "been", "being"}:
            return None  # "is expected to", "was told": a passive, its subject is no source
        j -= 1
    if j < a:
        return None
    if tokens[j].lower == "who" and j - 1 >= a and _speech_verb(tokens[c].lower):
        # "voters who said they would vote", "a banker who has suggested": the relative
        # pronoun stands for the noun before it, who speaks
        ante = mention_before(tokens, j - 1, a, text)
        if ante is None or not _source_like(ante):
            ante = Mention(tokens[j].start, tokens[j].end, tokens[j].text, "description", None, (), "who")
        fr = Frame(c, c, ante, j, j, False, False)
        fr.cue_chars = (tokens[c].start, tokens[c].end)
        return fr
    m = mention_before(tokens, j, a, text) or _apposed_name(tokens, a, j, text) or _parenthesis_subject(tokens, a, j, text) \
        or _postmodified_source(tokens, a, j, text)
    base = CUE_FORMS.get(tokens[c].lower)
    whole = _counted_or_plural_subject(tokens, a, j, text) if (
        _speech_verb(tokens[c].lower) or base in _EVIDENCE_BASES) else None
    if m is None or not _source_like(m) or (whole is not None and whole.start < m.start):
        # "Supporters who have heard from the Rubio campaign say": the campaign is in the
        # subject's modifier; the supporters speak
        m = whole
        if m is None:
            return None
    k = j
    start = m.np_start if m.np_start >= 0 else m.start
    while k - 1 >= a and tokens[k - 1].start >= start:
        k -= 1
    fr = Frame(c, c, m, k, j, False, False)
    fr.cue_chars = (tokens[c].start, tokens[c].end)
    return fr


# Words that open what follows a noun of people in an anonymous source: "a source close
# to him", "people familiar with the talks", "officials briefed on the plan".
_SOURCE_MODIFIERS = frozenset("close familiar briefed knowledgeable".split())


def _postmodified_source(tokens: list[Token], a: int, j: int, text: str) -> Mention | None:
    """The noun of people before a modifier that ends right before the verb: "a source
    close to him said" (the pronoun is no subject)."""
    for x in range(j, max(a, j - 6), -1):
        if tokens[x].kind != "W":
            return None
        if tokens[x].lower in _SOURCE_MODIFIERS and x - 1 >= a:
            m = mention_before(tokens, x - 1, a, text)
            return m if m is not None and m.kind == "description" and _source_like(m) else None
    return None


def _apposed_name(tokens: list[Token], a: int, j: int, text: str) -> Mention | None:
    """The name set off by commas just before a verb, after a description of its bearer:
    "Another Clinton ally, Agriculture Secretary Tom Vilsack, told"."""
    if tokens[j].text != ",":
        return None
    p = j - 1
    while p > a and j - p <= 10 and tokens[p].text != "," and tokens[p].kind == "W":
        p -= 1
    if p <= a or tokens[p].text != ",":
        return None
    inner = mention_after(tokens, p + 1, j, text)
    if inner is not None and inner.kind == "name" and inner.end == tokens[j - 1].end:
        return inner
    return None


_DASHES = frozenset({"—", "–", "--", "-"})  # ("--" is read as two "-")
# Prepositions opening a phrase that modifies a subject before a parenthesis: "the head of ...".
_SUBJECT_POSTMODIFIERS = frozenset("of at in from for with on".split())


def _parenthesis_subject(tokens: list[Token], a: int, j: int, text: str) -> Mention | None:
    """The subject opening the sentence, set off from its verb by a parenthesis between
    commas, dashes or brackets that ends at ``j``: "Ann Cole, 60, a farmer, said", "Cole,
    who runs the farm, said", "The judge -- who has been in a scuffle -- said", "Cole (a
    farmer) says", "Cole, who calls it “a scandal,” said" (a quotation closing on its comma)."""
    close = tokens[j].text
    if tokens[j].kind == "Q" and close.rstrip("'\"”’ ").endswith(","):
        close = ","
    if close != "," and close != ")" and close not in _DASHES:
        return None
    s = a
    while s < j and tokens[s].lower in _LEADING_LINKS | {"even"}:
        s += 1  # "But Cole, ..., said"
    m = mention_after(tokens, s, j, text)
    if m is None or m.start != tokens[s].start or not _source_like(m):
        return None
    e = s
    while e < j and tokens[e].end <= m.end:
        e += 1
    if e == j:
        return m if close == "," else None  # the mention took in its appositive: "Cole, a farmer,"
    if tokens[e].lower in _SUBJECT_POSTMODIFIERS:
        # "The head of the port authority, who ..., said", "Many speakers at the service --
        # including ... -- said": a phrase that modifies the subject comes before the parenthesis
        x = e + 1
        while x < j and x - e <= 8 and tokens[x].kind == "W" and tokens[x].lower not in AUXILIARIES \
                and tokens[x].lower not in CUE_FORMS and tokens[x].lower not in _COMMENT_OPENERS:
            x += 1
        if x < j and tokens[x].kind != "W":
            e = x
    opens = tokens[e].text
    if j - e > 40 or not (opens == close or (opens in _DASHES and close in _DASHES) or (opens, close) == ("(", ")")):
        return None
    if any(t.text in {";", ":"} for t in tokens[e:j]):
        return None
    return m


def _speech_verb(form: str) -> bool:
    """A verb of saying, not of attitude ("hopes") or evidence ("shows", "suggests")."""
    base = CUE_FORMS.get(form)
    return base is not None and base not in ATTITUDE_BASES and base not in _EVIDENCE_BASES \
        and form not in _ATTITUDE_FORMS


def _counted_or_plural_subject(tokens: list[Token], a: int, j: int, text: str) -> Mention | None:
    """The subject of a verb of saying that names people by count or by a plural noun the
    lexicon does not know: "61 percent said", "Six in 10 say", "two-thirds of Democratic
    insiders said", "a third of independents, 33%, say", "most of them said", "opponents
    say", "supporters of abortion rights argued". It names nobody in particular."""
    if tokens[j].text == ",":
        # a count in apposition, set off by commas: "a third of independents, 33%, say"
        p = j - 1
        while p > a and j - p <= 6 and tokens[p].text != ",":
            p -= 1
        if p <= a or tokens[p].text != "," or not any(_counts(t) for t in tokens[p + 1:j]):
            return None
        j = p - 1
    k = j
    while k - 1 >= a and j - k < 12 and (tokens[k - 1].kind == "W" or tokens[k - 1].text == "%"):
        k -= 1
    while k <= j and (tokens[k].lower in _LEADING_LINKS or tokens[k].lower in _COUNT_MODIFIERS
                      or tokens[k].lower in {"which", "that"}):
        k += 1  # "But opponents say", "Only 24 percent said", "which friends described": no part of it
    words = tokens[k:j + 1]
    if not words:
        return None
    lows = [w.lower for w in words]
    if any(w in CUE_FORMS or w in _ATTITUDE_FORMS for w in lows[:-1]) and _plural_people_head(lows) is None:
        # (verbs inside a modifier, "voters who have heard", are not the subject's own)
        return None
    head = lows[-1]
    counted = len(words) <= 8 and not any(w in AUXILIARIES for w in lows) and (any(ch.isdigit() for ch in " ".join(lows)) or head in {"percent", "%"} or any(
        w.rsplit("-", 1)[-1] in _QUANTIFIERS or w.split("-", 1)[0] in _COUNT_WORDS for w in lows)
        or ("in" in lows and _counts(words[-1]))) or lows == ["another"] or _those_asked(tokens, j - 1, a)
    # ("While one company says ..., another says ...": the noun left out, a subject still)
    plural = (len(words) <= 3 and head.endswith("s") and head.isalpha() and not tokens[j].is_cap
              and head not in NOT_NAMES and head not in CUE_FORMS)
    if not (counted or plural):
        # "supporters of abortion rights", "voters who have heard from the campaign":
        # a plural noun of people opens the subject, words that modify it follow
        n = _plural_people_head(lows)
        if n is None:
            return None
    elif any(w in CUE_FORMS for w in lows[:-1]):
        return None
    start, end = words[0].start, words[-1].end
    return Mention(start, end, text[start:end], "description", None, (), head, None, False, True)


def _plural_people_head(lows: list[str]) -> int | None:
    """The index of a plural noun of people among the first words of a subject, followed
    by a modifier ("of", "who", "with", "in" ...) or ending it; None when there is none."""
    if len(lows) > 1 and _people_noun(lows[-1]) and not any(w in AUXILIARIES or w in CUE_FORMS for w in lows[:-1]):
        return len(lows) - 1  # "three current and former Podesta employees"
    for n, w in enumerate(lows[:4]):
        if not _people_noun(w):
            continue
        if n + 1 == len(lows) or lows[n + 1] in _POSTMODIFIER_OPENERS or (
                lows[n + 1] in {"and", "or"} and lows[-1].endswith("s")):  # "her advisers and allies"
            return n
        return None
    return None


_PEOPLE = frozenset("people folks police staff others".split())


def _people_noun(w: str) -> bool:
    """A plural noun naming people: "employees", "officials", "Democrats", "economists"."""
    if w in _PEOPLE:
        return True
    if not (w.endswith("s") and w.isalpha()):
        return False
    single = w[:-3] + "y" if w.endswith("ies") else w[:-1]
    return single in GROUP_NOUNS or single in PERSON_NOUNS or w in PERSON_NOUNS or w.endswith(("ists", "ians"))


# Words opening a phrase that modifies the noun before it: "supporters of", "voters who".
_POSTMODIFIER_OPENERS = frozenset("of who whose with in from at for on to across around like close".split())


_LEADING_LINKS = frozenset("but and so yet or however also still".split())
# Adverbs that open a count: "only 24 percent", "just over a quarter", "nearly a third".
_COUNT_MODIFIERS = frozenset("only just nearly almost roughly about over under".split())
# Words that count people: "most of them said", "two-thirds of insiders said".
_QUANTIFIERS = frozenset("""percent most many half third thirds quarter quarters majority minority
    plurality others some few several""".split())


def _source_like(m: Mention, evidence: bool = False) -> bool:
    """A person or an organisation can hold a view or give evidence; a poll or a report
    cannot. For a cue of evidence ("found", "shows") an organisation must be named:
    "the campaign" may speak, but "the study" (an organisation noun too) only shows."""
    if m.kind in {"name", "pronoun"}:
        return m.kind != "pronoun" or m.head not in {"it"}
    head = m.head or ""
    single = head[:-3] + "y" if head.endswith("ies") else head[:-1] if head.endswith("s") else head
    if evidence:
        # "researchers found", "the campaign suggested", "some have suggested", not "the study found"
        return single in GROUP_NOUNS or (m.org and head not in _DOCUMENT_NOUNS and single not in _DOCUMENT_NOUNS) \
            or (m.plural and (head in _QUANTIFIERS or _people_noun(head)))
    return m.org or head in PERSON_NOUNS or single in PERSON_NOUNS or single in GROUP_NOUNS \
        or head in GROUP_NOUNS


# Things that hold evidence, not views: "the study found", "the poll shows".
_DOCUMENT_NOUNS = frozenset("""study poll survey report analysis data review audit investigation research
    paper document documents records memo letter statement video figures numbers results census index""".split())


def _is_according(tokens: list[Token], fr: Frame) -> bool:
    return tokens[fr.cue_first].lower == "according"


def _base(tokens: list[Token], fr: Frame) -> str:
    return _base_of(tokens[fr.cue_first].lower)


def _base_of(low: str) -> str:
    """The base form of a cue word ("said" -> "say"), or the word itself."""
    return CUE_FORMS.get(low) or _ATTITUDE_FORMS.get(low) or _TOPIC_FORMS.get(low) or _ECHO_FORMS.get(low) or low


# Verbs of speaking that report a topic, not words: "spoke about", "talked of"; they are
# cues only with one of their prepositions.
_TOPIC_FORMS = {f: base for base, forms in (("speak", "speak speaks spoke spoken speaking"),
                                            ("talk", "talk talks talked talking"))
                for f in forms.split()}
# "echoed the criticism": a verb of saying the quotation lexicon lacks, read only here
_ECHO_FORMS = {f: "echo" for f in "echoes echoed echoing".split()}
# Nouns of saying after a name's possessive, with the words that open what was said:
# "Trump's comments about ...", "Clinton's call for ...", "Trump's suggestion that ...".
_SPEECH_NOUNS = {n: frozenset(w.split()) for n, w in (
    ("comments", "about on that"), ("comment", "about on that"), ("claim", "about that"), ("claims", "about that"),
    ("suggestion", "of that"), ("warning", "about that"), ("warnings", "about that"), ("call", "for"),
    ("calls", "for"), ("promise", "of"), ("pledge", "of"), ("accusations", "of"),
    ("accusation", "of"), ("praise", "for of"), ("mention", "of"), ("description", "of"),
    ("announcement", "of"), ("demand", "for"), ("demands", "for"))}
# Every word that can be a cue here (most words of a sentence are none: one look each)
_CUE_WORDS = frozenset(CUE_FORMS) | frozenset(_ATTITUDE_FORMS) | frozenset(_TOPIC_FORMS) | {"according", "asked",
                                                                                          "reportedly"} \
    | frozenset(_SPEECH_NOUNS) | frozenset(_ECHO_FORMS)



def _content(tokens, a, b, frames, k, text):
    """The token ranges of frame ``k``'s reported clause and how it was read, or None."""
    fr = frames[k]
    if fr.mention is None:
        return None

    end = _sentence_end(tokens, a, b)
    left = _left_bound(tokens, a, frames, k, text)
    if _is_according(tokens, fr):
        after = fr.last + 1
        if after < end and tokens[after].text == ",":
            after += 1
        if after < end and fr.first <= a + 0:
            j = _right_bound(tokens, after, end, frames, k, a, text)
            return [(after, j)], "according to, clause after"
        left = _left_bound(tokens, a, [], 0)  # the phrase scopes over its whole clause
        before_end = _strip_back(tokens, left, fr.first)
        if before_end > left and after < end and tokens[fr.last + 1].text == "," and not _opens_frame(frames, k, after):
            # "Fundraising, according to the campaign, has surged": the clause goes round it
            return [(left, before_end), (after, _right_bound(tokens, after, end, frames, k, a, text))], \
                "according to, clause around"
        if before_end > left:
            return [(_attested_start(tokens, left, before_end), before_end)], "according to, clause before"
        if after < end:
            return [(after, _right_bound(tokens, after, end, frames, k, a, text))], "according to, clause after"
        return None
    if tokens[fr.cue_first].lower == "reportedly":
        return _reportedly_clause(tokens, left, end, frames, k, a, text)
    if tokens[fr.cue_first].lower in _SPEECH_NOUNS and fr.m_last == fr.cue_first - 1 and tokens[fr.m_last].possessive:
        i = fr.cue_first + 2  # (the noun after its possessor, not the verb: "Trump claims")
        j = _right_bound(tokens, i, end, frames, k, a, text)
        if tokens[i - 1].lower != "that":
            j = _noun_object(tokens, i, j)
        return ([(i, j)], "noun of saying") if j > i else None
    # a cue set off after its clause: "..., the Pentagon said." / "..., said Psaki."
    first = _subject_phrase_start(tokens, fr, left)
    prev = tokens[first - 1] if first - 1 >= a else None
    scene = fr.m_first >= 0 and fr.m_first < fr.cue_first and _only_adjuncts(tokens, left, first - 1)
    if prev is not None and (prev.text in {",", "—", "–", "--"} or prev.kind == "Q") and first - 1 > left \
            and not scene:  # "On Sunday, Clinton called on ...": the phrase before sets the scene
        rest = _past_hearer(tokens, fr, end, text)
        if (_only_adjuncts(tokens, rest, end) or fr.inverted) and first - left >= 3:
            # (an inverted cue, "said Smith, a former senator who ...", has no clause after it)
            if _closing_cue(tokens, fr, a, end, text):
                left = _left_bound(tokens, a, [], 0, text)  # the whole clause, reports inside it too
            j = _strip_back(tokens, left, first)
            return [(left, j)], "clause before"
        if rest < end and tokens[rest].text == ",":
            # "The rockets, the Pentagon said, were launched": the clause goes round the cue
            j = _strip_back(tokens, left, first)
            nxt = rest + 1
            if nxt < end and not _opens_frame(frames, k, nxt):
                j2 = _right_bound(tokens, nxt, end, frames, k, a, text)
                if tokens[left].lower in _INTRODUCERS and tokens[left].lower not in _SUBORDINATORS:
                    # "During his years in office, Obama said, a majority ...": the
                    # phrase before the cue sets the scene; the clause is after it (a
                    # clause before it, "If the law conflicts, Rubio said, ...", is reported)
                    return [(nxt, j2)], "clause after"
                return [(left, j), (nxt, j2)], "clause around"
    if fr.inverted:
        return None
    i = _complement_start(tokens, fr, end, text)
    if i >= end:
        return None
    if prev is not None and ((prev.kind == "Q" and not _ends_sentence(prev, text)) or (
            prev.text == "," and fr.first - 2 >= a and tokens[fr.first - 2].kind == "Q")) \
            and tokens[i - 1].lower != "that" and tokens[i].kind != "Q" \
            and tokens[i].lower not in {"he", "she", "they", "we", "i", "it", "there"}:
        # “...,” Axelrod said just after midnight on CNN: the cue credits the quotation,
        # and what follows it is the setting (unless "that" or a subject opens a report of its own)
        return None
    i, comma = _past_agent(tokens, fr, i, end)
    if i < 0:
        # "The campaign, first reported by the Post, is ...": a passive aside, its
        # report the clause around it
        c0 = fr.cue_first - 1
        while c0 > left and tokens[c0].kind == "W" and tokens[c0].lower.endswith(("ly", "first")):
            c0 -= 1
        if comma is not None and c0 > left and tokens[c0].text == "," and comma + 1 < end \
                and not _opens_frame(frames, k, comma + 1):
            return [(left, c0), (comma + 1, _right_bound(tokens, comma + 1, end, frames, k, a, text))], \
                "clause around"
        return None
    j = _right_bound(tokens, i, end, frames, k, a, text)
    gap = _gap_antecedent(tokens, fr, first, left, i)
    if gap is not None:
        # "a probe the agency said was ongoing", "which it had said was unacceptable": the
        # clause lacks its subject, which is the noun or pronoun the relative clause hangs on
        return [(gap, j)], "clause after, relative"
    return [(i, j)], "clause after"


# the question words of ``_QUESTION_OPENERS`` that open a clause after an agent ("asked by a
# caller why ..."); "about" there opens a topic, not a clause
_WH_OPENERS = _QUESTION_OPENERS - {"if", "whom", "which", "about"}


def _past_agent(tokens, fr, i, end):
    """Where the clause starts past a "by" phrase right after the cue, as (index, None);
    (-1, the comma closing the phrase or None) when the phrase names the agent of a
    passive ("was criticized by the union", "reporting by ...") and no report follows it.
    A gerund after "by" is the manner of saying ("responded by saying ..."): the clause."""
    if i != fr.last + 1 or tokens[i].kind != "W" or tokens[i].lower != "by":
        return i, None
    if any(t.kind == "W" and t.lower.endswith("ing") for t in tokens[i + 1:min(end, i + 3)]):
        return i, None
    for x in range(i + 1, min(end, i + 10)):
        t = tokens[x]
        if t.text == ",":
            return -1, x
        if t.kind == "Q" or t.text in {";", ":", "(", ")"}:
            break
        if t.lower == "that":
            return x + 1, None
        if t.lower in _WH_OPENERS:
            return x, None  # "was asked by a caller why ..."
    return -1, None


def _possessor_frame(tokens, a, c, text) -> Frame | None:
    """The frame of a noun of saying whose possessor is a name: "Clinton's comments about"."""
    k = c - 1
    while k - 1 >= a and tokens[k - 1].kind == "W" and tokens[k - 1].is_cap and not tokens[k - 1].possessive:
        k -= 1
    words = [t.text for t in tokens[k:c]]
    words[-1] = words[-1].rsplit("'", 1)[0].rsplit("’", 1)[0]
    names = [w for w in words if not is_title(w.lower().rstrip("."))]
    if not names or not all(w[:1].isupper() for w in names) or (k > a and tokens[k - 1].lower in _DETERMINERS):
        return None  # ("the party's call for": a description)
    end = tokens[c - 1].end - (len(tokens[c - 1].text) - len(words[-1]))  # without its "'s"
    m = Mention(tokens[k].start, end, text[tokens[k].start:end], "name", " ".join(names), (), names[-1].lower())
    fr = Frame(c, c, m, k, c - 1, False, False)
    fr.cue_chars = (tokens[c].start, tokens[c + 1].end)
    return fr


def _noun_object(tokens, i, j) -> int:
    """Where the object of a noun of saying ends: before a comma, a dash or a verb."""
    for t in range(i + 1, j):
        if tokens[t].text in _DASHES or tokens[t].text in {",", ";", "("} or finite_verb(tokens[t]):
            return _strip_back(tokens, i, t)
    return j


def _reportedly_clause(tokens, left, end, frames, k, a, text):
    """The clause that "reportedly" marks as a report, its subject included: from after the
    last comma, bracket or opening preposition before it ("In total, the hackers have
    reportedly ...", "With the mayor reportedly considering a run") to the clause's end."""
    c = frames[k].cue_first
    i = left
    for t in range(left, c):
        if tokens[t].text in {",", "(", ";", ":", "—", "–"}:
            i = t + 1
    j = _right_bound(tokens, c + 1, end, frames, k, a, text)
    if i < c and tokens[i].lower in _INTRODUCERS:
        i += 1  # "With the mayor reportedly considering a run, ...": the phrase ends at its comma
        j = next((t for t in range(c + 1, j) if tokens[t].text == ","), j)
    if i >= c:
        return None
    return [(i, j)], "reportedly"


def _attested_start(tokens, left, j) -> int:
    """Where the clause that ", according to X" closes starts: the last relative clause set
    off before it, which is what X attests ("the gap in delegates, which stood at 263,
    according to ..."), else the clause's start ``left``."""
    for t in range(j - 2, left, -1):
        if tokens[t].text == ",":
            # (only the last piece set off: "X, which supported Y, spent ..." is one clause)
            return t + 1 if tokens[t + 1].lower in {"which", "who", "whom", "whose"} else left
    return left


def _gap_antecedent(tokens, fr, first, left, i) -> int | None:
    """Where the reported clause starts when its subject is relativised out: the
    relative pronoun or the noun phrase before the cue's subject, when the clause after
    the cue opens with a verb ("said was ongoing", "says had the highest wage")."""
    if not (0 <= fr.m_first < fr.cue_first) or i != fr.last + 1:
        return None
    verb = tokens[i]
    if verb.kind != "W" or verb.is_cap or verb.lower not in _GAP_VERBS:
        return None
    p = first - 1
    if p >= left and tokens[p].lower in {"which", "that", "who", "what"}:
        return p
    q = p
    while q >= left and p - q < 4 and tokens[q].kind == "W" and not tokens[q].is_cap and tokens[q].lower not in CUE_FORMS:
        if tokens[q].lower in {"a", "an", "the"}:
            return q  # "a probe the law enforcement agency said was ongoing"
        q -= 1
    return None


# Finite verbs that open a clause with no subject of its own after a cue.
_GAP_VERBS = frozenset("is was are were has had have would will could can may might should must".split())


def _ends_sentence(qtok: Token, text: str) -> bool:
    """A quotation closing on a full stop, "!" or "?" inside its marks: the words after it
    open a new sentence ("“It's just not true.” He said Clinton ...")."""
    inner = text[qtok.start:qtok.end].rstrip().rstrip("'\"”’»").rstrip()  # '' closes as two marks
    return inner.endswith((".", "!", "?"))


def _subject_phrase_start(tokens, fr, left) -> int:
    """Where the frame starts, taking in the words of its subject's noun phrase that the
    mention left out: "[Algerian foreign ministry] spokesman Benali Cherif said",
    "[the prime] minister's spokesman said"."""
    first = fr.first
    if not (0 <= fr.m_first < fr.cue_first):
        return first
    q = first - 1
    while q > left and first - q <= 6 and tokens[q].kind == "W" and tokens[q].lower not in CUE_FORMS \
            and tokens[q].lower not in _CLAUSE_OPENERS and tokens[q].lower not in AUXILIARIES:
        q -= 1
    return q + 1 if q >= left and tokens[q].text in {",", "—", "–", "--"} else first


def _past_hearer(tokens, fr, end, text) -> int:
    """The token after the cue, and after its hearer for a verb like "told" ("told POLITICO")."""
    rest = fr.last + 1
    if rest < end and _base(tokens, fr) in _HEARER_VERBS and tokens[rest].kind == "W":
        m = mention_after(tokens, rest, end, text)
        if m is not None:
            while rest < end and tokens[rest].start < m.end:
                rest += 1
        elif _base(tokens, fr) != "tell":
            pass  # ("wrote a letter": the object of other verbs need be no hearer)
        elif tokens[rest].text.isupper() and len(tokens[rest].text) > 1:
            rest += 1  # "told POLITICO": a name in capitals
        elif tokens[rest].lower in {"a", "an", "the"}:
            # "told a Senate panel Wednesday": a noun phrase up to its setting
            k = rest + 1
            while k < end and k - rest <= 5 and tokens[k].kind == "W" and tokens[k].lower not in TIME_WORDS \
                    and tokens[k].lower not in _ADJUNCT_OPENERS and tokens[k].lower not in _CLAUSE_OPENERS \
                    and tokens[k].lower != "that" and tokens[k].lower not in AUXILIARIES:
                k += 1
            head = tokens[k - 1].lower
            if head in PERSON_NOUNS or head in GROUP_NOUNS or _people_noun(head):
                rest = k  # (a person or a group: "told a joke" tells no one)
    return rest


def _opens_frame(frames, k, i) -> bool:
    return any(f.first == i for f in frames[k + 1:])


def _sentence_end(tokens, a, b) -> int:
    j = b
    while j > a and tokens[j - 1].kind == "P":
        j -= 1
    return j


def _strip_back(tokens, lo, j) -> int:
    """Back over the punctuation before position ``j`` (not below ``lo``)."""
    while j > lo and tokens[j - 1].kind == "P":
        j -= 1
    return j


def _left_bound(tokens, a, frames, k, text=None) -> int:
    """Where a clause before frame ``k`` may start: the sentence start, or after
    the frame before it and its "that"."""
    lo = a
    if k > 0:
        prev = frames[k - 1]
        lo = prev.last + 1
        while lo < frames[k].first and (tokens[lo].kind == "P" or tokens[lo].lower == "that"):
            lo += 1
    while lo < len(tokens) and tokens[lo].kind == "P" and tokens[lo].text not in "“‘\"'":
        lo += 1
    if text is not None and frames:
        # a quotation closing on a full stop ends a sentence the splitter kept whole
        for q in range(lo, frames[k].first if k < len(frames) else lo):
            if tokens[q].kind == "Q" and q + 1 < frames[k].first and _ends_sentence(tokens[q], text):
                lo = q + 1
    return lo


def _only_adjuncts(tokens, i, end) -> bool:
    """Nothing but time words or a short phrase ("on Tuesday", "in a statement") to the end."""
    if i >= end:
        return True
    if tokens[i].kind != "W":
        return False
    if tokens[i].lower not in _ADJUNCT_OPENERS and tokens[i].lower not in TIME_WORDS:
        return False
    if tokens[i].lower in {"this", "last"} and (i + 1 >= end or tokens[i + 1].lower not in TIME_WORDS):
        return False  # "this week" sets the scene, "this sort of opining" is a subject
    n = 0
    for x in range(i, end):
        t = tokens[x]
        if t.text == ";" or (t.text == "," and x + 1 < end and (
                tokens[x + 1].lower in _SUBORDINATORS or tokens[x + 1].lower in _CLAUSE_OPENERS)):
            break  # "..., his aides argued in interviews this week; rather, ..."
        if t.kind == "Q" or t.lower == "that":
            return False
        n += 1
    return n <= 12


def _infinitive(tokens, i, end) -> bool:
    """"to" before a verb ("pledged to stay"), not before its hearer ("said to reporters")."""
    if tokens[i].lower != "to" or i + 1 >= end:
        return False
    nxt = tokens[i + 1]
    return nxt.kind == "W" and not nxt.is_cap and nxt.lower not in _DETERMINERS \
        and nxt.lower not in {"me", "him", "her", "us", "them", "reporters", "supporters", "voters"}


def _complement_start(tokens, fr: Frame, end: int, text: str) -> int:
    """The first token of the clause a cue introduces: past its hearer ("told
    reporters"), a time or setting ("on Tuesday", "in a statement") and "that"."""
    i = fr.last + 1
    base = _base(tokens, fr)
    # a "that" close ahead, with only a setting or a hearer between
    if i < end and _object_preposition(tokens, i, base):
        return _past_preposition(tokens, i, end)  # "called for more investment": what is called for
    elif i < end and (tokens[i].lower in _SETTING_OPENERS or tokens[i].lower in TIME_WORDS
                      or base in _HEARER_VERBS or tokens[i].text == ",") and not _infinitive(tokens, i, end):
        for k in range(i, min(end, i + 16)):
            t = tokens[k]
            if t.kind == "Q":
                break
            if t.lower == "that":
                return k + 1
        if base in _HEARER_VERBS and tokens[i].kind == "W":
            m = mention_after(tokens, i, end, text)
            if m is not None:
                while i < end and tokens[i].start < m.end:
                    i += 1
    if i < end and _object_preposition(tokens, i, base):
        return _past_preposition(tokens, i, end)  # "asked Mrs. Clinton about her plans"
    while i < end and tokens[i].kind == "W" and tokens[i].lower in TIME_WORDS and not tokens[i].possessive:
        i += 1  # (not "Monday's decision", the start of the clause)
    while i < end and (tokens[i].text in {",", ":", "—"} or tokens[i].lower == "that"):
        i += 1
    return i


# Prepositions whose object is what a verb of saying is about, and the verbs they follow:
# "asked about the plan", "called for a ban", "spoke of his brother", "warned against".
_OBJECT_PREPOSITIONS = {
    "about": None,  # after any verb of saying
    "for": frozenset("call ask argue push press plead appeal praise criticize criticise blame credit".split()),
    "on": frozenset("call comment weigh focus blame remark elaborate".split()),
    "of": frozenset("speak talk warn accuse write boast".split()),
    "against": frozenset("speak talk warn argue rail caution testify".split()),
}


def _object_preposition(tokens, i, base) -> bool:
    """``tokens[i]`` (after "out" or an adverb in -ly) is a preposition whose object is the
    topic of the verb ``base``: "spoke out against", "wrote at length about" is not."""
    while i < len(tokens) and tokens[i].kind == "W" and (tokens[i].lower == "out" or (
            tokens[i].lower.endswith("ly") and tokens[i].lower not in {"only", "early"})):
        i += 1
    if i + 1 < len(tokens) and tokens[i].lower == "at" and tokens[i + 1].lower == "length":
        i += 2  # "spoke at length about"
    if i + 2 < len(tokens) and tokens[i].lower in {"to", "with"} and base in {"speak", "talk"}:
        # "spoke to CNN about", "talked with reporters about": the hearer comes first
        k = i + 1
        while k < len(tokens) and k - i <= 3 and tokens[k].kind == "W" and tokens[k].lower not in _OBJECT_PREPOSITIONS:
            k += 1
        if k < len(tokens) and tokens[k].lower in _OBJECT_PREPOSITIONS:
            i = k
    if i >= len(tokens):
        return False
    verbs = _OBJECT_PREPOSITIONS.get(tokens[i].lower, False)
    return verbs is None or (verbs is not False and base in verbs)


def _past_preposition(tokens, i, end) -> int:
    """The first token of the preposition's object (see ``_object_preposition``)."""
    while i < end and tokens[i].lower not in _OBJECT_PREPOSITIONS:
        i += 1
    return i + 1


def _right_bound(tokens, i, end, frames, k, a, text) -> int:
    """Where the clause from ``i`` ends: before a later cue set off by a comma
    (", he said", ", according to", ", adding that") or a new clause of the
    narrator after a semicolon; else at the sentence end."""
    j = end
    fr = frames[k]
    # a report inside a relative clause ("who said ...,") or a fronted subordinate
    # clause ("Although in September she said ..., ...") ends at the next comma
    relative = any(tokens[x].lower in {"who", "which"} for x in range(max(a, fr.cue_first - 3), fr.cue_first))
    closes_at_comma = relative or (  # (a fronted clause is short: the look is bounded)
        tokens[a].lower in _SUBORDINATORS and fr.first - a <= 40
        and all(t.text != "," for t in tokens[a:fr.first]))
    for f in frames[k + 1:]:
        if f.first <= i:
            if f.m_first <= i <= f.m_last < f.cue_first and tokens[f.m_last].kind != "W":
                # "Cole, who calls it “a scandal,” said ...": a report in the parenthesis
                # between a subject and its verb ends with the parenthesis
                j = min(j, _strip_back(tokens, i, f.m_last + 1))
                break
            continue
        p = f.first - 1
        prev = tokens[p]
        if prev.text in {",", ";", "—", "–", "(", "--"} or prev.kind == "Q":
            j = min(j, _strip_back(tokens, i, f.first))
            break
        if prev.lower == "as" and p - 1 >= i and tokens[p - 1].text == ",":
            j = min(j, _strip_back(tokens, i, p))  # "..., as The Times reported": another's report
            break
        if prev.lower in {"and", "but"} and (f.inherited or (p - 1 >= i and tokens[p - 1].text == ",")
                                             or (f.m_first >= 0 and f.m_first < f.cue_first and not f.inverted)):
            # "... and warned", ", and he added", "and Democrats accused ...": a second
            # report, with the same subject or its own
            j = min(j, _strip_back(tokens, i, p))
            break
    participle_cue = tokens[fr.cue_first].lower.endswith("ing")
    for t in range(i, j):
        if text is not None and tokens[t].kind == "Q" and t + 1 < j and _ends_sentence(tokens[t], text):
            j = t + 1  # "... tweeted: “Liberty bows head in anguish.” This sort of opining ..."
            break
        if tokens[t].text == ";" or (tokens[t].text == ":" and t > i and t + 1 < j and tokens[t + 1].kind == "Q"):
            # a colon before a quotation: what follows is the speaker's own words
            j = t
            break
        if tokens[t].lower == "in" and t > i + 2 and t + 2 < j and tokens[t + 1].lower in {"a", "an", "his", "her", "their"} \
                and tokens[t + 2].lower in _MEDIA:
            j = _strip_back(tokens, i, t)  # "called for investment in a statement on Thursday"
            break
        if tokens[t].lower in {"in", "during", "at"} and t > i and t + 2 < j and _speech_event(tokens, t + 1, j):
            j = _strip_back(tokens, i, t)  # "praised her record during a rally", "in an interview"
            break
        if tokens[t].text == "," and t > i and t + 1 < j and _participle_clause(tokens[t + 1]) \
                and tokens[t + 1].lower in _SAYING_PARTICIPLES:
            j = t  # "echoed those comments, saying ...": the participle is a report of its own
            break
        if tokens[t].text == "," and t > i + 2 and t + 1 < j and (
                tokens[t + 1].lower in _NARRATOR_ASIDES or _participle_clause(tokens[t + 1])
                or (tokens[t + 1].lower in _COMMENT_OPENERS and not _embedded_aside(tokens, t, j))
                or (t + 2 < j and tokens[t + 1].lower in _INTRODUCERS | {"to", "of"}
                    and tokens[t + 2].lower in {"which", "whom"})):  # "..., to which O'Malley said"
            # "..., although he again refused to ...", "..., while nine in 10 said ...",
            # "..., dismissing O'Donnell as ...": the narrator goes on after the report
            j = t
            break
        if tokens[t].text == "," and t > i and closes_at_comma and not _in_number(tokens, t):
            j = t  # "Clinton, who announced a plan on Monday, plans ...": the clause ends here
            break
        # "said he would act and warned against ...": a second verb of the narrator's subject
        if tokens[t].lower in {"and", "but"} and t + 1 < j and t > i + 1 and _narrator_verb(tokens[t + 1], tokens[t + 2] if t + 2 < j else None):
            j = t
            break
        if tokens[t].lower in {"and", "but"} and t > i and t + 1 < j and participle_cue and _participle_clause(tokens[t + 1]) \
                and not any(_participle_clause(tokens[x + 1]) for x in range(i, t - 1)
                            if tokens[x].lower in _INTRODUCERS or tokens[x].lower in {"like", "of", "about"}):
            # "..., saying he would stay and urging ...": the cue's subject does a second
            # thing (not "like installing panels and giving grants": a gerund after a
            # preposition in the report is what the second one goes with)
            j = _strip_back(tokens, i, t)
            break
        if tokens[t].text == "," and t > i + 2 and t + 2 < j and tokens[t + 1].lower in {"but", "however", "when", "yet"} \
                and (tokens[t + 2].lower in _NEW_SUBJECTS or tokens[t + 2].is_cap) \
                and not _second_complement(tokens, t + 2, j):
            j = t  # "..., but he is as strong a favourite as ever": the narrator's new clause
            break
        if tokens[t].text == "," and t > i + 2 and t + 2 < j and tokens[t + 1].lower == "and" \
                and tokens[t + 2].lower in _NEW_SUBJECTS and tokens[t + 2].lower not in {"that", "there", "a", "an"}:
            j = t  # "..., and he decided to run himself": a new clause with its own subject
            break
        if tokens[t].text == "," and t > i + 2 and t + 2 < j and tokens[t + 1].lower in {"a", "an"} \
                and not tokens[t - 1].is_cap and not _is_according(tokens, fr) and not any(tokens[x].text == "," or tokens[x].kind == "Q" for x in range(t + 2, j)):
            j = t  # "..., a figure that would double the budget": the narrator's gloss on the report
            break
        if tokens[t].text == "," and t > i + 2 and t + 3 < j and tokens[t + 1].lower == "with" \
                and any(_participle_clause(tokens[x]) for x in range(t + 3, min(j, t + 8))):
            j = t  # "..., with Republicans showing more unrest": the narrator's absolute clause
            break
        if tokens[t].text == "," and t > i + 2 and t + 2 < j and tokens[t + 1].lower == "as" \
                and tokens[t + 2].lower in _FINITE_AUXILIARIES | {"have", "were", "are", "do"}:
            j = t  # "..., as have other Democrats", "..., as was the case in May": the narrator's comparison
            break
        if tokens[t].text in _DASHES and t > i + 2 and t + 1 < j and _participle_clause(tokens[t + 1]):
            j = t  # "... - noting that ...": the narrator's aside
            break
        if tokens[t].lower == "but" and t > i + 2 and t + 1 < j and tokens[t + 1].lower in _FINITE_AUXILIARIES:
            j = t  # "she is going to vote for Trump but has withheld her endorsement": the subject's own
            break
    return j


# Events at which words are said: "during a debate", "at a news conference".
_SPEECH_EVENTS = _MEDIA | frozenset("debate debates rally appearance hearing forum".split())


def _speech_event(tokens, k, j) -> bool:
    """A noun phrase from ``k`` (a determiner, up to two modifiers) whose head names the medium
    or the event of a speech: "an interview", "a Fox News interview", "a press conference"."""
    if tokens[k].lower not in {"a", "an"}:
        return False
    for x in range(k + 1, min(j, k + 4)):
        if tokens[x].kind != "W":
            return False
        if tokens[x].lower in _SPEECH_EVENTS and not tokens[x].possessive:
            return x + 1 >= j or tokens[x + 1].kind != "W" or tokens[x + 1].lower in _ADJUNCT_OPENERS \
                or tokens[x + 1].lower in TIME_WORDS or tokens[x + 1].lower in {"with", "published", "aired", "by", "that"}
    return False


def _second_complement(tokens, k, j) -> bool:
    """"that" at ``k`` opens a second clause of the same report ("said the plan was sound, but
    that it would cost more"), not a pronoun that is the subject of its verb ("but that is
    not the case")."""
    if tokens[k].lower != "that" or k + 1 >= j:
        return False
    nxt = tokens[k + 1]
    return nxt.kind == "W" and nxt.lower not in AUXILIARIES and not nxt.lower.startswith(("'", "’")) \
        and not (nxt.lower.endswith("s") and nxt.lower in CUE_FORMS)


def _in_number(tokens, t) -> bool:
    """The comma at ``t`` groups the digits of a number ("2,400"), it sets nothing off."""
    return 0 < t < len(tokens) - 1 and tokens[t - 1].text[-1:].isdigit() and tokens[t + 1].text[:1].isdigit() \
        and tokens[t - 1].end == tokens[t].start and tokens[t].end == tokens[t + 1].start


# Participles of saying that open a report of the subject's own after a comma.
_SAYING_PARTICIPLES = frozenset(f for f, base in CUE_FORMS.items() if f.endswith("ing") and base in _SAYING | {"say", "add", "note"})
_FINITE_AUXILIARIES = frozenset("has had have did does would will is was".split())
# Words opening a new clause's subject: "..., but he is ...", "..., when the party ..."
_NEW_SUBJECTS = frozenset("he she they it we i there the this that his her their its a an".split())


def _embedded_aside(tokens, t, j) -> bool:
    """The aside opened by the comma at ``t`` closes with a comma after which the clause's
    verb comes: "that Mrs. Clinton, who had a similar emphasis, did better" (not
    "..., which is spread by mosquitoes, and may cause")."""
    for u in range(t + 2, min(j, t + 20)):
        if tokens[u].kind == "Q" or tokens[u].text in {";", ":", "—", "–"}:
            return False
        if tokens[u].text == ",":
            nxt = tokens[u + 1] if u + 1 < j else None
            return nxt is not None and nxt.kind == "W" and not nxt.is_cap and nxt.lower not in _CLAUSE_OPENERS \
                and nxt.lower not in _COMMENT_OPENERS and not _participle_clause(nxt) \
                and (nxt.lower in AUXILIARIES or nxt.lower.endswith(("ed", "s")))
    return False


def _narrator_verb(tok: Token, nxt: Token | None = None) -> bool:
    """A past-tense verb right after "and": the subject's next action, not part of the report
    (not an adjective before its noun: "and improved dining choices")."""
    low = tok.lower
    if nxt is not None and nxt.kind == "W" and not nxt.is_cap and nxt.lower.endswith("ing") \
            and nxt.lower not in _DETERMINERS:
        return False
    return tok.kind == "W" and not tok.is_cap and (
        (low.endswith("ed") and len(low) > 4 and low not in {"need", "indeed"})
        or (low in CUE_FORMS and low != CUE_FORMS[low] and not low.endswith("ing")))


def _first_conjunct(text, tokens, fr, resolver) -> str | None:
    """The resolved name of a name joined by "and" to the front of the frame's subject
    ("[Clinton] and the DNC rejected"), or None."""
    p = fr.m_first - 1
    if not (1 < p and fr.m_first < fr.cue_first and not fr.inverted and tokens[p].lower == "and"
            and tokens[p - 1].kind == "W"):
        return None  # (", and the DNC said": a clause of its own)
    other = mention_before(tokens, p - 1, 0, text)
    if other is None or other.kind != "name" or other.end != tokens[p - 1].end:
        return None
    ent, _how = resolver.resolve(other)
    return ent.name if ent is not None and not ent.org else None  # (not "Center for Economic")


def _statement(text, tokens, frags, fr, method, resolver, quotes, absorbed) -> Statement | None:
    frags = [(i, j) for i, j in frags if j > i]
    if not frags:
        return None
    words = inside = 0
    qidx = []
    for i, j in frags:
        for t in tokens[i:j]:
            if t.kind == "W":
                words += 1
            elif t.kind == "Q":
                inside += 1
                qidx.append(t.quote)
    if words < _MIN_WORDS and not (inside and words) and not (
            words == 1 and tokens[frags[0][0]].lower in _ONE_WORD_ANSWERS):
        return None
    if not words:
        return None  # only a quotation: the direct statement covers it
    base = _base(tokens, fr)
    if base in _QUOTING_BASES and not inside and method == "clause after" and tokens[frags[0][0] - 1].lower != "that":
        return None  # "began to find his voice", "continues to draw support": no report without "that"
    m = fr.mention
    attitude = base in ATTITUDE_BASES
    evidence = base in _EVIDENCE_BASES and not _source_like(m, evidence=True)
    if evidence and not (base == "suggest" and tokens[frags[0][0] - 1].lower == "that"):
        return None
    # "the poll suggests that ...": a verb of saying before its "that", but a poll is nobody
    ent, how = (None, "unnamed") if m is _UNNAMED or evidence else resolver.resolve(m)
    speaker = ent.name if ent is not None else (m.name if m.kind == "name" and not evidence else None)
    first = _first_conjunct(text, tokens, fr, resolver)
    if first is not None and first != speaker:
        # "Clinton and the DNC rejected ...", "Ryan and Trump agreed ...": both speak
        speaker = first if speaker is None else "%s and %s" % (first, speaker)
    kind = "mixed" if inside else "indirect"
    if inside:
        absorbed.update(qidx)
    char_frags = tuple((tokens[i].start, tokens[j - 1].end) for i, j in frags)
    start, end = char_frags[0][0], char_frags[-1][1]
    conf = 0.8 if how in {"name"} else 0.6
    if attitude:
        conf *= 0.8
    if speaker is None:
        conf = min(conf, 0.4)
    sk = None
    if speaker is not None:
        sk = "organisation" if (ent is not None and ent.org) or m.org else "person"
    mention = None if m is _UNNAMED else Span(m.start, m.end, text[m.start:m.end])
    cue = Span(fr.cue_chars[0], fr.cue_chars[1], text[fr.cue_chars[0]:fr.cue_chars[1]])
    roles = ent.merged_roles() if ent is not None else ()
    return Statement(kind, start, end, text[start:end], char_frags, speaker, mention, cue,
                     "attitude" if attitude else "speech", conf, "%s, %s" % (method, how), sk, roles)
