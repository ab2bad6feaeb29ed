"""Speaker resolution: turn the mention at a quotation into a full name.

Names go to the fullest form the article uses; "he" and "she" to the nearest
earlier person of that gender, preferring people already quoted; "the top
American diplomat" to the person the article gave a matching role. When
nothing in the text settles it, the speaker is None and the mention stays.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from operator import attrgetter, itemgetter

from quotetrack.engine.entities import Entity, Registry
from quotetrack.engine.lexicon import AUXILIARIES, CUE_FORMS, GIVEN_NAME_GENDER, NOT_NAMES, ORG_NOUNS, TITLES
from quotetrack.engine.mentions import Mention, mention_before
from quotetrack.engine.tokens import Paragraph, Token

# How far back (in characters) a pronoun may look for its person.
_PRONOUN_REACH = 2500
# How far back a role description ("the top American diplomat") may look: a
# long article's reach, so that a book-length text stays linear.
_ROLE_REACH = 30_000


# not frozen (never changed all the same): a frozen dataclass sets each field through
# object.__setattr__, and an article builds thousands of these
@dataclass(slots=True, unsafe_hash=True)
class Occurrence:
    """A name mention of an entity at a place in the article."""

    pos: int
    entity: Entity
    speaker: bool
    sent: int  # index of the sentence it stands in


def build_registry(text: str, paras: list[Paragraph]) -> tuple[Registry, list[tuple[int, Mention]], list[int]]:
    """The article's entity registry, every name mention outside quotations,
    and the character offset where each sentence starts."""
    reg = Registry()
    found: list[tuple[int, Mention]] = []
    starts: list[int] = []
    for para in paras:
        tokens = para.tokens
        starts.extend(tokens[a].start for a, _ in para.sents)
        for j, tok in enumerate(tokens):
            if not tok.is_cap:
                continue
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if nxt is not None and (nxt.is_cap or (nxt.kind == "W" and len(nxt.text) == 2 and nxt.text.endswith(".")) or (
                    nxt.lower in {"of", "de", "van", "von", "al", "bin", "la", "le", "del", "da"}
                    and j + 2 < len(tokens) and tokens[j + 2].is_cap)):
                continue  # not the end of the run
            if not tok.name:
                continue  # "The", "But": a run that cannot end a name
            m = mention_before(tokens, j, max(0, j - 12), text)
            if m is not None and m.kind == "name":
                if nxt is not None and m.org and _premodifies(nxt):
                    # "the Obama administration", "the Trump campaign": the name modifies a
                    # noun, so the determiner belongs to that noun and makes no organisation
                    m = replace(m, org=any(w.lower() in ORG_NOUNS for w in m.name.split()))
                    reg.add(m, premodifier=True)
                else:
                    reg.add(m)
                found.append((m.start, m))
    reg.finish()
    return reg, found, starts


def _premodifies(nxt: Token) -> bool:
    """Is the word after a capitalised run a noun that the run modifies ("campaign",
    "administration"), rather than a verb, an adverb or a function word?"""
    low = nxt.lower
    return (nxt.kind == "W" and nxt.text.islower() and low.isalpha() and low not in NOT_NAMES
            and low not in CUE_FORMS and low not in AUXILIARIES and not low.endswith(("ed", "ly", "s")))


class Resolver:
    """Resolves mentions at quotations to speaker names for one article."""

    def __init__(self, registry: Registry, names: list[tuple[int, Mention]], starts: list[int]) -> None:
        self.reg = registry
        self.starts = starts
        self.occ: list[Occurrence] = []
        resolve_name = registry.resolve_name
        for pos, m in sorted(names, key=_FIRST):
            ent = resolve_name(m)
            if ent is not None:
                self.occ.append(Occurrence(pos, ent, False, bisect.bisect_right(starts, pos) - 1))  # _sent(pos)
        # positions in step with occ, so that windows and updates are found by bisection
        self.positions = [o.pos for o in self.occ]
        # speakers noted where no name stands ("he said"), in the order noted: kept
        # apart so that noting them in reading order appends instead of inserting
        # into the middle of a long list (which made a book-length text quadratic)
        self.added: list[Occurrence] = []
        self.added_positions: list[int] = []

    def _sent(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def note_speaker(self, pos: int, ent: Entity) -> None:
        """Record that ``ent`` was credited with a quotation at ``pos``."""
        for occ, positions in ((self.occ, self.positions), (self.added, self.added_positions)):
            i = bisect.bisect_left(positions, pos)
            if i < len(positions) and positions[i] == pos:
                occ[i] = Occurrence(pos, ent, True, occ[i].sent)
                return
        i = bisect.bisect_left(self.added_positions, pos)
        self.added_positions.insert(i, pos)  # at the end when noted in reading order
        self.added.insert(i, Occurrence(pos, ent, True, self._sent(pos)))

    def window(self, lo: int, hi: int) -> list[Occurrence]:
        """Every occurrence with ``lo <= pos < hi``, in order."""
        a = self.occ[bisect.bisect_left(self.positions, lo):bisect.bisect_left(self.positions, hi)]
        b = self.added[bisect.bisect_left(self.added_positions, lo):bisect.bisect_left(self.added_positions, hi)]
        return _merged(a, b) if b else a

    def occurrences(self) -> list[Occurrence]:
        """Every occurrence of the article, names and noted speakers, in order."""
        return _merged(self.occ, self.added)

    def resolve(self, m: Mention | None) -> tuple[Entity | None, str]:
        """The entity a mention refers to, and how it was found."""
        if m is None:
            return None, "none"
        if m.kind == "name":
            return self.reg.resolve_name(m), "name"
        if m.kind == "pronoun":
            if m.head in {"he", "she"}:
                return self._pronoun(m), "pronoun"
            return None, "pronoun"
        if m.kind == "description":
            if m.plural or m.text.lower().startswith(("a ", "an ", "one ", "another ")):
                return None, "description"
            if m.org and m.text.lower().startswith("the "):
                # "the department" for the State Department named before it: an
                # organisation is referred to by the head noun of its name
                return self._named_by_head(m), "description"
            before = [o.entity for o in self.window(m.start - _ROLE_REACH, m.start) if not o.entity.org]
            ent = self.reg.with_role(m.head, before)
            if ent is None and m.text.lower().startswith("the ") and not m.org and not _possessed(m):
                # "said the 29-year-old", "the Slovenian said": a definite description
                # with no role to match refers, like a pronoun, to the salient person
                return self._pronoun(m), "salience"
            return ent, "description"
        return None, "none"

    def _named_by_head(self, m: Mention) -> Entity | None:
        """The organisation named last before ``m`` whose name ends with its head noun
        ("the committee": the House Intelligence Committee), if one is; else None."""
        head = m.head
        for o in reversed(self.window(m.start - _ROLE_REACH, m.start)):
            toks = o.entity.tokens
            if o.entity.org and len(toks) >= 2 and toks[-1] == head:
                return o.entity
        return None

    def _pronoun(self, m: Mention) -> Entity | None:
        """Hobbs-like search: the pronoun's own sentence, then each sentence
        before it, taking the leftmost (most subject-like) person who agrees."""
        here = self._sent(m.start)
        earlier = [o for o in self.window(m.start - _PRONOUN_REACH + 1, m.start) if not o.entity.org]
        by_sent: dict[int, list[Occurrence]] = {}
        for o in earlier:
            by_sent.setdefault(o.sent, []).append(o)
        for sent in sorted(by_sent, reverse=True):
            if here - sent > 6:
                break
            # the subject of a cue first ("..., Cuban said."), then the leftmost person
            ordered = [o for o in by_sent[sent] if o.speaker] + [o for o in by_sent[sent] if not o.speaker]
            for o in ordered:
                if _agrees(o, m.gender):
                    return o.entity
                # "Clinton" in an article with Bill and Hillary Clinton: "she" settles which
                full = self.reg.by_gender(o.entity, m.gender)
                if full is not None:
                    return full
        return None


def _merged(a: list[Occurrence], b: list[Occurrence]) -> list[Occurrence]:
    """Two lists sorted by position merged into one, ``a``'s first where positions tie
    (what heapq.merge gives; a stable sort finds and merges the two runs in one pass)."""
    return sorted(a + b, key=_POS)


_POS = attrgetter("pos")
_FIRST = itemgetter(0)


def _possessed(m: Mention) -> bool:
    """"The ad's narrator", "the group's president": a description anchored to its
    possessor, not to whoever the paragraph is about."""
    return any(w.endswith(("'s", "’s")) for w in m.text.split()[:-1])


def _agrees(o: Occurrence, gender: str | None) -> bool:
    """Whether the person at ``o`` can be referred to by a mention of ``gender``
    (None: a description that gives no gender, "the 29-year-old")."""
    g = o.entity.gender
    if g is not None:
        return gender is None or g == gender
    if _person_like(o.entity):
        return True
    toks = o.entity.tokens
    return o.speaker and not o.entity.org and not o.entity.name.isupper() and (
        len(toks) >= 2 or not toks[0].endswith("s"))


def _person_like(ent: Entity) -> bool:
    """A name of two or more words that is not an organisation: "Angelique Brunner"."""
    toks = ent.tokens
    if ent.org or not 2 <= len(toks) <= 4:
        return False
    if toks[0] in GIVEN_NAME_GENDER:
        return True
    # a role with a title in it ("the Podesta Group's CEO") is held by a person
    return any(w in TITLES for w in ent.role_text().split())
