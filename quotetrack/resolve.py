"""Speaker resolution: turn the mention at a quotation into a full name.

Names go to the fullest form the article uses; "he" and "she" to the nearest
earlier person of that gender, preferring people already quoted; "the top
American diplomat" to the person the article gave a matching role. When
nothing in the text settles it, the speaker is None and the mention stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotetrack.entities import Entity, Registry
from quotetrack.marks import MarkSpan
from quotetrack.mentions import Mention, mention_before
from quotetrack.tokens import tokenize

# How far back (in characters) a pronoun may look for its person.
_PRONOUN_REACH = 2500


@dataclass(frozen=True)
class Occurrence:
    """A name mention of an entity at a place in the article."""

    pos: int
    entity: Entity
    speaker: bool


def build_registry(text: str, spans: list[MarkSpan]) -> tuple[Registry, list[tuple[int, Mention]]]:
    """Every name mention outside quotations, and the article's entity registry."""
    reg = Registry()
    found: list[tuple[int, Mention]] = []
    pos = 0
    k = 0
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        first = k
        while k < len(spans) and spans[k].open_mark < hi:
            k += 1
        tokens = tokenize(text, lo, hi, spans[first:k], first)
        for j, tok in enumerate(tokens):
            if not tok.is_cap:
                continue
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if nxt is not None and (nxt.is_cap or (nxt.kind == "W" and len(nxt.text) == 2 and nxt.text.endswith(".")) or (
                    nxt.lower in {"of", "de", "van", "von", "al", "bin", "la", "le", "del", "da"}
                    and j + 2 < len(tokens) and tokens[j + 2].is_cap)):
                continue  # not the end of the run
            m = mention_before(tokens, j, max(0, j - 12), text)
            if m is not None and m.kind == "name":
                reg.add(m)
                found.append((m.start, m))
    reg.finish()
    return reg, found


class Resolver:
    """Resolves mentions at quotations to speaker names for one article."""

    def __init__(self, registry: Registry, names: list[tuple[int, Mention]]) -> None:
        self.reg = registry
        self.occ: list[Occurrence] = []
        for pos, m in names:
            ent = registry.resolve_name(m)
            if ent is not None:
                self.occ.append(Occurrence(pos, ent, False))

    def note_speaker(self, pos: int, ent: Entity) -> None:
        """Record that ``ent`` was credited with a quotation at ``pos``."""
        self.occ.append(Occurrence(pos, ent, True))
        self.occ.sort(key=lambda o: o.pos)

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
            before = [o.entity for o in self.occ if o.pos < m.start and not o.entity.org]
            ent = self.reg.with_role(m.head, before)
            return ent, "description"
        return None, "none"

    def _pronoun(self, m: Mention) -> Entity | None:
        earlier = [o for o in self.occ if m.start - _PRONOUN_REACH < o.pos < m.start and not o.entity.org]
        for o in reversed(earlier):
            g = o.entity.gender
            if g == m.gender or (g is None and o.speaker and len(earlier) > 0):
                return o.entity
        return None
