"""The extraction pipeline: text -> quote spans -> attribution -> speakers."""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from quotetrack.engine.attribute import Assignment, attribute
from quotetrack.engine.marks import MarkSpan, find_quote_spans
from quotetrack.engine.model import Quote, Span
from quotetrack.engine.entities import Entity
from quotetrack.engine.lexicon import PERSON_NOUNS
from quotetrack.engine.mentions import Mention
from quotetrack.engine.resolve import Resolver, build_registry
from quotetrack.engine.speaker_choice import Context, Model, NameIndex, Named, candidates, choose, load_model
from quotetrack.engine.tokens import Paragraph, paragraphs


def extract(text: str) -> list[Quote]:
    """Every quotation in ``text`` with its speaker, in order of appearance.

    Scare quotes, titles and nicknames that nobody is quoted as saying are
    left out. Never raises on odd input; raises TypeError for a non-str.
    """
    model = load_model()
    with without_cycle_collection():
        return [chosen_quote(text, item, model) for item in quote_candidates(text)]


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while one article is read.

    Extraction makes many small objects and no reference cycles; the collector
    would walk the growing heap again and again, so that a long article (a
    book, a page of many stories) took superlinear time. Plain reference
    counting still frees everything; the collector's state is restored after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class QuoteCandidates:
    """One quotation before its speaker is chosen: the rules' answer and every candidate."""

    span: MarkSpan
    assignment: Assignment
    context: Context
    candidates: list[tuple[Entity | None, dict[str, float]]]  # the last is "none of them"


def quote_candidates(text: str) -> list[QuoteCandidates]:
    """The statements of ``text`` with their candidate speakers and features (what
    ``extract`` chooses from, and what the speaker model is trained on)."""
    if not isinstance(text, str):
        raise TypeError("extract() takes the article text as a str, not %s" % type(text).__name__)
    spans = find_quote_spans(text)
    if not spans:
        return []
    paras = paragraphs(text, spans)
    registry, names, starts = build_registry(text, paras)
    resolver = Resolver(registry, names, starts)
    return [item for _n, item in candidates_in(text, spans, paras, resolver, starts)]


def candidates_in(text: str, spans: list[MarkSpan], paras: list[Paragraph], resolver: Resolver,
                  starts: list[int], frames_seen: dict | None = None) -> list[tuple[int, QuoteCandidates]]:
    """(index among ``spans``, candidates) of every statement of an article already read
    into paragraphs, with its resolver and sentence starts (reported speech shares them,
    and the frames of each sentence through ``frames_seen``)."""
    assignments, subjects = attribute(text, paras, len(spans), frames_seen)
    note_speakers(resolver, subjects)
    para_starts = [p.tokens[0].start if p.tokens else 0 for p in paras]
    index = _name_index(resolver, para_starts)
    items: list[tuple[int, QuoteCandidates]] = []
    previous = None
    named: MarkSpan | None = None  # the last quotation left out as a name given to a thing
    for n, (span, asg) in enumerate(zip(spans, assignments)):
        # its first nine words at most (a quotation may run for pages): enough for every test
        words = text[span.start:span.end].split(None, 8)
        if _names_something(text, span, asg, words):
            continue
        if _is_named_term(text, span, asg, words) or _coordinated_with(text, span, words, named):
            named = span
            continue
        if not _is_statement(asg, words):
            continue
        ent, how = resolver.resolve(asg.mention)
        para = bisect.bisect_right(para_starts, span.start) - 1
        ctx = Context(span.start, span.end, bisect.bisect_right(starts, span.start) - 1, para,
                      asg.mention, asg.method, ent, how, previous)
        items.append((n, QuoteCandidates(span, asg, ctx, candidates(ctx, index, starts))))
        previous = ent
    return items


def note_speakers(resolver: Resolver, subjects: list[Mention]) -> None:
    """Note every cue's subject, in reading order, as the person it stands for, so that
    "She said ..." counts as a mention of that person when a later pronoun is resolved."""
    for m in sorted(subjects, key=lambda m: m.start):
        ent, _ = resolver.resolve(m)
        if ent is not None:
            resolver.note_speaker(m.start, ent)


def chosen_quote(text: str, item: QuoteCandidates, model: Model) -> Quote:
    """The quotation with the speaker the model chooses among its candidates."""
    ent, prob, scored = choose(item.context, item.candidates, model)
    return _quote(text, item, ent, prob, scored)


def _name_index(resolver: Resolver, para_starts: list[int]) -> NameIndex:
    """The resolver's name occurrences with their paragraph and place in their sentence."""
    named = []
    first_sent = -1
    for o in resolver.occurrences():
        named.append(Named(o.pos, o.entity, o.sent, bisect.bisect_right(para_starts, o.pos) - 1,
                           o.speaker, o.sent != first_sent))
        first_sent = o.sent
    return NameIndex(named)


def _names_something(text: str, span: MarkSpan, asg: Assignment, words: list[str]) -> bool:
    """A title in a title's place ("the book “...”"), not a statement."""
    return asg.method != "headline" and _is_title(text, span, words)


def _is_named_term(text: str, span: MarkSpan, asg: Assignment, words: list[str]) -> bool:
    """A name given to a thing ("groups dubbed “...”"), not a statement."""
    return asg.method != "headline" and _is_term(text, span, words)


def _is_statement(asg: Assignment, words: list[str]) -> bool:
    """A quotation someone is quoted as saying (attributed, or a sentence long), not a scare quote."""
    return asg.attributed or len(words) >= 6


def _coordinated_with(text: str, span: MarkSpan, words: list[str], named: MarkSpan | None) -> bool:
    """A short quotation joined by "and", "or" or a comma to one left out as a name given:
    "groups dubbed “pioneers” and “materialists”" names both."""
    if named is None or len(words) > 4:
        return False
    return _COORDINATION.fullmatch(text, named.outer_end, span.open_mark) is not None


_COORDINATION = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)")
_INITIAL = re.compile(r"^[A-Z]\.$")
_TITLE_CONTEXT = re.compile(r"(?:['’]s|\b(?:of|on|in|titled|entitled|called|dubbed|named|show|"
                            r"program|programme|book|film|movie|song|anthem|album|documentary|"
                            r"series|episode|column|op-ed|essay|article|headline|title))\W{0,3}$", re.I)
# A name given to a thing without anyone giving it: "also known as a “yaffle”",
# "fake towers, called ‘stingray’", "groups dubbed “pioneers”", the quotation
# right after the naming words.
_AGENTLESS_NAMING = re.compile(r"\b(?:known|referred\s+to)\s+as(?:\s+(?:a|an|the))?\s*$")
_NAMING_VERB = re.compile(r"([\w’'-]+)\s*(,?)\s*\b(called|dubbed|nicknamed|termed|labell?ed|titled)"
                          r"(?:\s+(?:a|an|the))?\s*$")
# Every naming pattern below holds one of these words.
_NAMING_HINT = re.compile(r"known|referred|called|dubbed|nicknamed|termed|label|titled")
_NOT_AGENTS = {"also", "often", "sometimes", "commonly", "locally", "widely"}
# After these the naming is a reported label ("what is called", "so-called"), kept.
_LABEL_REPORTS = {"is", "was", "are", "were", "be", "been", "being", "so-", "so", "what"}


def _is_term(text: str, span: MarkSpan, words: list[str]) -> bool:
    """A short quotation that names a thing and that nobody is said to say.

    The naming verb must have no agent: "Trump dubbed her “...”", "lawmakers
    called “fraud”" and "Tim Cook, called “...”" are statements, and so are
    reported labels ("so-called", "was labeled"), while after a thing ("fake
    towers, called ‘stingray’", "groups dubbed “pioneers”") or "known as" the
    words are a name.
    """
    if len(words) > 4:
        return False
    before = text[max(0, span.open_mark - 60):span.open_mark]
    if not _NAMING_HINT.search(before):
        return False  # none of the naming words anywhere before it (one fast scan)
    if _AGENTLESS_NAMING.search(before):
        return True
    m = _NAMING_VERB.search(before)
    if m is None:
        return False
    prev = m.group(1)
    low = prev.lower()
    if low in _NOT_AGENTS:
        return True
    if low in _LABEL_REPORTS:
        return False
    if prev[:1].isupper() or low in PRONOUNS_AS_AGENTS:
        return False  # a name or a pronoun: the one who names it
    if m.group(3).lower() != "called":
        # "groups dubbed “pioneers”": with no object between them, a noun and
        # "dubbed" are a noun and its participle (an agent would dub *something*),
        # while "called" alone can be a verb of speech ("protesters called “shame”")
        return True
    noun = low[:-1] if low.endswith("s") else low
    return noun not in PERSON_NOUNS and low not in PERSON_NOUNS


PRONOUNS_AS_AGENTS = {"he", "she", "they", "we", "i", "you", "who", "it"}


def _is_title(text: str, span: MarkSpan, words: list[str]) -> bool:
    """Title Case in a title's place: CNN's “State of the Union”, the book
    ''Make Your Kid a Millionaire'', Robert C. "Bobby" Scott, a heading line."""
    if not words or len(words) > 8:
        return False
    content = [w for w in words if len(w.strip(".,;:!?'’\"")) > 3]
    if not content or not all(w[:1].isupper() or not w[:1].isalpha() for w in content):
        return False
    before = text[max(0, span.open_mark - 30):span.open_mark]
    line_start = text.rfind("\n", 0, span.open_mark) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    alone = not text[line_start:span.open_mark].strip() and not text[span.outer_end:line_end].strip(" .")
    prev_word = before.split()[-1] if before.split() else ""
    nickname = (len(words) == 1 and prev_word[:1].isupper() and (prev_word.isalpha() or _INITIAL.match(prev_word))
                and text[span.outer_end:span.outer_end + 2][-1:].isupper())
    return alone or nickname or bool(_TITLE_CONTEXT.search(before))


def _quote(text: str, item: QuoteCandidates, ent: Entity | None, prob: float, scored: bool) -> Quote:
    span, asg, how = item.span, item.assignment, item.context.how
    m = asg.mention
    speaker = ent.name if ent is not None else None
    if speaker is None and m is not None and m.kind == "name":
        speaker = m.name
    if scored:
        method, conf = "%s, scored" % asg.method, min(asg.confidence, prob)
    else:
        method = asg.method if how in {"name", "none"} else "%s, %s" % (asg.method, how)
        conf = asg.confidence * (1.0 if how in {"name", "none"} else 0.85)
    if speaker is None:
        conf = min(conf, 0.5)
    mention = Span(m.start, m.end, text[m.start:m.end]) if m is not None else None
    cue = Span(asg.cue[0], asg.cue[1], text[asg.cue[0]:asg.cue[1]]) if asg.cue else None
    roles = ent.merged_roles() if ent is not None else ()
    kind = None
    if speaker is not None:
        kind = "organisation" if (ent is not None and ent.org) or (
            not scored and m is not None and m.org) else "person"
    return Quote(span.start, span.end, text[span.start:span.end], speaker, mention, cue,
                 conf, method, span.closed, kind, roles)
