"""The people and organisations an article names, and how it refers to them.

Short names resolve to the fullest form the article uses ("Blinken" ->
"Antony Blinken"), pronouns to the nearest earlier person of the right
gender, and descriptions ("the top American diplomat") to the person the
article gave that role.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotetrack.engine.lexicon import GIVEN_NAME_GENDER
from quotetrack.engine.mentions import Mention
from quotetrack.engine.roles import merge_roles

# Description heads and the roles they may stand for.
_ROLE_SYNONYMS = {
    "diplomat": {"secretary of state", "diplomat", "ambassador", "envoy", "foreign minister"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson", "press secretary", "spokesmen"},
    "spokeswoman": {"spokesman", "spokeswoman", "spokesperson", "press secretary"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson", "press secretary"},
    "senator": {"senator", "sen"},
    "governor": {"governor", "gov"},
    "congressman": {"congressman", "rep", "representative"},
    "congresswoman": {"congresswoman", "rep", "representative"},
    "president": {"president"},
    "mayor": {"mayor"},
    "secretary": {"secretary"},
    "nominee": {"nominee"},
    "candidate": {"candidate", "nominee"},
    "minister": {"minister"},
}


@dataclass
class Entity:
    """One person or organisation of the article."""

    name: str
    org: bool = False
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    count: int = 0

    def __post_init__(self) -> None:
        # the lower-case words of the name, and the same without a generational suffix
        # ("James" is William Bruce James II): worked out once here, as the name never
        # changes (functools.cached_property took a lock at each first access)
        self.tokens: list[str] = self.name.lower().replace("’", "'").split()
        core = list(self.tokens)
        while len(core) > 1 and core[-1].strip(".,") in _GENERATIONS:
            core.pop()
        self.core: list[str] = core
        # what the roles give, kept with the number of roles it was worked out from:
        # roles are only ever added, and a long article gives a person hundreds of
        # them, so working these out again for every quote made an article's time
        # grow with the square of its length
        self._role_set: set[str] = set(self.roles)
        self._merged: tuple[int, tuple[str, ...]] = (-1, ())
        self._role_text: tuple[int, str] = (-1, "")

    def add_role(self, role: str) -> None:
        """Give the entity a role, unless it has it already (first-seen order kept)."""
        if role not in self._role_set:
            self._role_set.add(role)
            self.roles.append(role)

    def merged_roles(self) -> tuple[str, ...]:
        """The roles tidied and merged (``roles.merge_roles``)."""
        if self._merged[0] != len(self.roles):
            self._merged = (len(self.roles), merge_roles(self.roles))
        return self._merged[1]

    def role_text(self) -> str:
        """All the roles in one lower-case string without full stops, to look words up in."""
        if self._role_text[0] != len(self.roles):
            self._role_text = (len(self.roles), " ".join(self.roles).lower().replace(".", ""))
        return self._role_text[1]


_GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}
# resolve_name's mark for a name not looked up yet (None is an answer)
_UNRESOLVED = object()


class Registry:
    """The entities of one article, built from every name mention in it."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.by_last: dict[str, list[Entity]] = {}
        self.by_core_last: dict[str, list[Entity]] = {}  # names with a suffix, by the word before it
        self._initials: dict[str, list[Entity]] | None = None
        # resolve_name's answers once the registry is finished (an article names
        # the same few people again and again)
        self._resolved: dict[tuple[str, str | None], Entity | None] = {}
        self._org_open: set[str] = set()  # entities met only as a premodifier so far

    def add(self, m: Mention, premodifier: bool = False) -> None:
        """Record a name mention (titles become roles, honorifics gender). A name that
        only modifies a noun ("the Obama administration") does not decide whether the
        entity is an organisation when the name also stands as a head elsewhere."""
        if m.kind != "name" or not m.name:
            return
        key = m.name.lower()
        ent = self.entities.get(key)
        if ent is not None and not premodifier and key in self._org_open:
            self._org_open.discard(key)
            ent.org = m.org
        if ent is None:
            ent = Entity(m.name, org=m.org)
            if premodifier:
                self._org_open.add(key)
            self.entities[key] = ent
            self.by_last.setdefault(ent.tokens[-1], []).append(ent)
            if ent.core != ent.tokens:
                self.by_core_last.setdefault(ent.core[-1], []).append(ent)
        ent.count += 1
        ent.aliases.add(m.text)
        for r in m.roles:
            ent.add_role(r)
        if m.gender and not ent.gender and len(ent.tokens) > 1 or (m.gender and m.roles and not ent.gender):
            ent.gender = m.gender

    def finish(self) -> None:
        """Share what is known between a short name and its full form."""
        for ent in self.entities.values():
            if ent.gender is None and len(ent.tokens) > 1:
                ent.gender = GIVEN_NAME_GENDER.get(ent.tokens[0])
        for ent in self.entities.values():
            full = self._fullest(ent.tokens, ent.gender)
            if full is not None and full is not ent:
                for r in ent.roles:
                    full.add_role(r)
                if full.gender is None:
                    full.gender = ent.gender
                full.aliases |= ent.aliases
                full.count += ent.count

    def _fullest(self, toks: list[str], gender: str | None) -> Entity | None:
        """The longest entity whose name ends with (or contains) ``toks``."""
        n = len(toks)
        cands = [e for e in self.by_last.get(toks[-1], ()) if len(e.tokens) >= n and _contains(e.tokens, toks)]
        for e in cands:
            if len(e.tokens) != n:
                break
        else:
            # a suffixed name only when no longer name matches as written, so that
            # "Trump" stays Donald Trump beside Donald Trump Jr.
            cands += [e for e in self.by_core_last.get(toks[-1], ()) if len(e.core) >= n and _contains(e.core, toks)]
        if len(cands) == 1:
            return cands[0]  # what the steps below leave of one candidate
        if gender:
            same = [e for e in cands if e.gender in (gender, None)]
            cands = same or cands
        if not cands:
            return None
        longest = max(len(e.tokens) for e in cands)
        best = [e for e in cands if len(e.tokens) == longest]
        distinct = {e.name.lower() for e in best}
        if len(distinct) > 1:
            # two people share the name: take the one named far more often, else nobody
            best.sort(key=lambda e: -e.count)
            if best[0].count < 2 * best[1].count:
                return self.entities.get(" ".join(toks))
        return best[0]

    def by_gender(self, ent: Entity, gender: str | None) -> Entity | None:
        """The one fuller namesake of a short, ungendered name with this gender."""
        if ent.gender is not None or gender is None or len(ent.tokens) != 1:
            return None
        cands = [e for e in self.by_last.get(ent.tokens[0], [])
                 if len(e.tokens) > 1 and e.gender == gender and not e.org]
        names = {e.name.lower() for e in cands}
        return cands[0] if len(names) == 1 else None

    def resolve_name(self, m: Mention) -> Entity | None:
        """The entity a name mention refers to, by its fullest form."""
        if not m.name:
            return None
        key = (m.name, m.gender)
        ent = self._resolved.get(key, _UNRESOLVED)
        if ent is _UNRESOLVED:
            ent = self._resolved[key] = self._resolve_name(m)
        return ent

    def _resolve_name(self, m: Mention) -> Entity | None:
        toks = m.name.lower().replace("’", "'").split()
        if len(toks) == 1 and 2 <= len(m.name) <= 4 and m.name.isupper():
            person = self._by_initials(toks[0])  # a transcript's "OGS" for Ole Gunnar Solskjaer
            if person is not None:
                return person
        return self._fullest(toks, m.gender) or self.entities.get(m.name.lower())

    def _by_initials(self, initials: str) -> Entity | None:
        """The one person whose name's initials spell ``initials`` ("OGS": Ole Gunnar Solskjaer)."""
        if self._initials is None:
            # built once, so that a long transcript full of labels stays linear
            self._initials = {}
            for e in self.entities.values():
                if not e.org and len(e.tokens) >= 2:
                    self._initials.setdefault("".join(t[0] for t in e.tokens), []).append(e)
        hits = self._initials.get(initials, [])
        return hits[0] if len({e.name.lower() for e in hits}) == 1 else None

    def with_role(self, head: str, before: list[Entity]) -> Entity | None:
        """The most recent entity whose roles match a description's head noun."""
        for ent in reversed(before):
            if has_role(ent, head):
                return ent
        return None


def has_role(ent: Entity, head: str) -> bool:
    """Whether the article gave ``ent`` a role that a description's head noun can stand for."""
    roles = ent.role_text()
    return any(w in roles for w in _ROLE_SYNONYMS.get(head, {head}))


def _contains(big: list[str], small: list[str]) -> bool:
    if big[-len(small):] == small:
        return True
    return set(small) <= set(big) and small[-1] == big[-1]
