"""One speaker per real person or organisation across articles: pure functions on names.

The engine resolves a speaker within one article ("Blinken" to "Antony
Blinken" when the article gives the full name). Across articles, names are
grouped here:

- a name is normalised: accents and case folded, punctuation and possessives
  dropped, leading titles stripped for people ("Secretary of State", "Sen.",
  "Republican"), middle initials dropped ("Donald J. Trump"), and a
  generational suffix ("Jr.", "Sr.", "II") kept apart as part of identity;
- names with the same normalised words and suffix are one speaker;
- a person's full name (two words or more) absorbs longer names that end
  with it ("Senate Minority Leader Harry Reid" joins "Harry Reid"), and a
  name with middle names joins the one other full name with the same first
  and last word ("Hillary Clinton" and "Hillary Rodham Clinton");
- first-name variants agree when the rest does: "Ed Rendell" joins
  "Edward G. Rendell", "Dick Durbin" "Richard J. Durbin" (``HYPOCORISTICS``,
  common English short forms), when exactly one such person is known;
- a one-word person name ("Blinken") joins the one person whose full name
  ends with that word. Where several are known, the article settles it
  first (``article_name``, at ingest: a full name the same article uses, or
  else a title it gives, "Mrs. Clinton", "President Obama", which is kept in
  the name and matched here against the candidates' first-name gender and
  roles); failing that the surname joins the person with it who has the
  most quotes in the library, if one has strictly more than the others, as
  a *weak* link (``Group.weak``: the store lowers those quotes' confidence);
- different first names or suffixes stay apart (Bill and Hillary Clinton;
  Donald Trump and Donald Trump Jr.); organisations join only on the same
  normalised name.

Every rule relates names that share their last word, their *family*, so the
store regroups only the families an article touches. The grouping is a
function of the set of names (and their quote counts), not of the order in
which articles arrived.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from quotetrack.engine.lexicon import FIRST_NAME_GENDER

# Words stripped from the front of a person's name (compared after normalising).
TITLES = frozenset("""
    mr mrs ms miss mx dr prof professor sen senator rep representative congressman pres
    congresswoman del delegate gov governor lt president vice secretary spokesman
    spokeswoman spokesperson press minister prime chief deputy director general gen col
    maj capt sgt adm admiral cmdr rev reverend judge justice mayor speaker leader chairman
    chairwoman chairperson chair ambassador attorney commissioner sheriff sir dame former
    acting ret retired the us then late incoming outgoing republican democrat democratic
    gop independent libertarian
""".split())
# After "Secretary of ..." / "Minister of ...": the department is part of the title.
DEPARTMENTS = frozenset("""
    state defense defence homeland security treasury commerce labor labour energy
    education health human services housing urban development transportation
    agriculture interior veterans affairs foreign home justice war the and for
""".split())
SUFFIXES = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii",
            "iv": "iv"}

# Common English short forms of given names (formal name: its short forms), from the
# usual hypocoristic patterns (Robert/Bob, William/Bill, Richard/Dick, Edward/Ed),
# not from any data set. A short form may stand for several formal names (Ted).
HYPOCORISTICS = {
    "abigail": "abby", "albert": "al bert", "alexander": "alex al sandy", "alfred": "al alf fred",
    "andrew": "andy drew", "anthony": "tony", "barbara": "barb barbie", "benjamin": "ben benny",
    "bernard": "bernie", "catherine": "cathy kate katie", "charles": "charlie chuck chas",
    "christina": "chris chrissy tina", "christine": "chris chrissy", "christopher": "chris kit",
    "cynthia": "cindy", "daniel": "dan danny", "david": "dave davey", "deborah": "deb debbie",
    "donald": "don donnie", "dorothy": "dot dottie", "douglas": "doug", "edward": "ed eddie ted ned",
    "elizabeth": "liz beth betty betsy libby eliza", "eugene": "gene", "francis": "frank",
    "frederick": "fred freddie", "gerald": "jerry gerry", "gregory": "greg", "harold": "harry hal",
    "henry": "hank harry", "jacob": "jake", "james": "jim jimmy jamie", "jeffrey": "jeff",
    "jennifer": "jen jenny", "john": "jack johnny", "jonathan": "jon", "joseph": "joe joey",
    "joshua": "josh", "judith": "judy", "katherine": "kate kathy katie", "kathleen": "kathy kate",
    "kenneth": "ken kenny", "kimberly": "kim", "lawrence": "larry", "leonard": "len lenny",
    "margaret": "maggie peggy meg", "matthew": "matt", "michael": "mike mikey mick",
    "mitchell": "mitch", "nathaniel": "nate nat", "nicholas": "nick nicky", "pamela": "pam",
    "patricia": "pat patty trish", "patrick": "pat paddy", "peter": "pete", "philip": "phil",
    "raymond": "ray", "rebecca": "becky becca", "richard": "dick rick ricky rich richie",
    "robert": "bob bobby rob robbie bert", "ronald": "ron ronnie", "russell": "russ",
    "samuel": "sam sammy", "stephen": "steve", "steven": "steve", "susan": "sue susie",
    "terence": "terry", "theodore": "ted teddy theo", "thomas": "tom tommy", "timothy": "tim",
    "victoria": "vicky tori", "vincent": "vince", "walter": "walt wally",
    "william": "bill billy will willie", "zachary": "zach",
}
_FORMALS: dict[str, set[str]] = defaultdict(set)
for _formal, _shorts in HYPOCORISTICS.items():
    for _short in _shorts.split():
        _FORMALS[_short].add(_formal)

# Titles that say a person's gender, and titles that are roles a library knows people by.
GENDER_TITLES = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female"}
ROLE_TITLES = {"president": "president", "pres": "president", "secretary": "secretary", "sen": "senator",
               "senator": "senator", "rep": "representative", "representative": "representative",
               "congressman": "representative", "congresswoman": "representative",
               "gov": "governor", "governor": "governor", "mayor": "mayor", "speaker": "speaker",
               "ambassador": "ambassador", "judge": "judge", "justice": "justice",
               "minister": "minister", "chairman": "chair", "chairwoman": "chair", "chair": "chair"}
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
                  "she": "female", "her": "female", "hers": "female", "herself": "female"}
WEAK_LINK = 0.5  # confidence factor of a surname joined to the library's dominant person

_SPLIT = re.compile(r"[\s\-‐‑‒–—/]+")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Name:
    """A normalised name: its ``words`` and generational ``suffix`` ("" when none)."""

    words: tuple[str, ...]
    suffix: str = ""

    @property
    def key(self) -> str:
        """The identity string of the name: words and suffix, space separated."""
        return " ".join(self.words + ((self.suffix,) if self.suffix else ()))

    @property
    def family(self) -> str:
        """The last word: every grouping rule relates names of one family."""
        return self.words[-1] if self.words else ""

    @property
    def is_full(self) -> bool:
        """True for a name of two words or more (a first name and a surname)."""
        return len(self.words) >= 2

    @property
    def is_joint(self) -> bool:
        """True for names joined by "and" ("Jeb Bush and Chris Christie", "Bill and Hillary
        Clinton"): a subject of several people, not one person's full name."""
        return "and" in self.words[1:-1]


@dataclass(frozen=True)
class NameInfo:
    """One distinct speaker name as the store holds it: its kind and how many quotes use it."""

    name: str
    kind: str | None = "person"
    quotes: int = 1
    roles: tuple[str, ...] = ()  # the roles the articles gave the speaker under this name


@dataclass(frozen=True)
class Group:
    """One speaker: its display ``name``, ``kind``, the names that make it up and its quote count."""

    name: str
    kind: str
    names: tuple[str, ...]
    quotes: int
    weak: tuple[str, ...] = ()  # names joined only as the library's dominant person of a surname


@lru_cache(maxsize=65536)
def _tokens(name: str) -> tuple[tuple[str, str], ...]:
    """(original, normalised) word pairs of a name; words that normalise to nothing are dropped.

    Cached: a library has few distinct names and roles, and grouping a family or
    reading a quote's name normalises the same ones again and again (16% of the
    profile of storing a dataset was spent here).
    """
    out = []
    for raw in _SPLIT.split(name.strip()):
        if not raw:
            continue
        folded = unicodedata.normalize("NFKD", raw)
        folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
        folded = _NON_WORD.sub("", _POSSESSIVE.sub("", folded)).replace("_", "")
        if folded:
            out.append((raw, folded))
    return tuple(out)


def _title_length(words: list[str]) -> int:
    """How many leading words of a person's name are titles, party labels and the like."""
    i = 0
    while i < len(words) - 1:
        if words[i] in TITLES:
            i += 1
        elif words[i] == "of" and i > 0 and words[i - 1] in TITLES:
            i += 1
            while i < len(words) - 1 and words[i] in DEPARTMENTS:
                i += 1
        else:
            break
    return i


@lru_cache(maxsize=65536)
def parse_name(name: str, person: bool = True) -> Name:
    """The normalised form of a speaker name; titles are stripped only from a person's name."""
    pairs = _tokens(name)
    words = [w for _raw, w in pairs]
    if person:
        words = words[_title_length(words):]
    elif len(words) > 1 and words[0] == "the":
        words = words[1:]
    suffix = ""
    if len(words) >= 2 and words[-1] in SUFFIXES:
        suffix = SUFFIXES[words.pop()]
    if person and len(words) > 2:
        # middle initials: "Donald J. Trump" is "Donald Trump"
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    if not words:
        words = [name.strip().casefold()] if name.strip() else []
    return Name(tuple(words), suffix)


@lru_cache(maxsize=65536)
def clean_name(name: str, person: bool = True) -> str:
    """A name as written, less its leading titles: "Secretary of State Antony Blinken" -> "Antony Blinken"."""
    name = " ".join(name.split())
    if not person:
        return name
    pairs = _tokens(name)
    drop = _title_length([w for _raw, w in pairs])
    if not drop:
        return name
    # cut the original string after the last dropped word, keeping its spelling
    pos = 0
    for raw, _w in pairs[:drop]:
        pos = name.index(raw, pos) + len(raw)
    return name[pos:].lstrip(" -–—,") or name


def family_of(name: str, person: bool = True) -> str:
    """The family (normalised last word) of a speaker name."""
    return parse_name(name, person).family


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when ``short``'s words appear in ``long`` in order."""
    it = iter(long)
    return all(w in it for w in short)


class _Union:
    """Union-find over hashable items, the smaller item (by sort order) as a root's label."""

    def __init__(self, items: Iterable) -> None:
        self.parent = {x: x for x in items}

    def find(self, x):
        """The root of ``x``'s set."""
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        """Join the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _kind(counts: Counter) -> str:
    """The majority kind of a name or group; a tie, or no kind at all, is a person."""
    person, org = counts.get("person", 0), counts.get("organisation", 0)
    return "organisation" if org > person else "person"


def first_name_forms(word: str) -> frozenset[str]:
    """A normalised first name and the formal names it may be short for ("bob" -> bob, robert)."""
    return frozenset({word} | _FORMALS.get(word, set()))


def first_name_gender(word: str) -> str | None:
    """"male" or "female" for a first name the engine's gazetteer knows (short forms through
    their formal names), else None."""
    gender = FIRST_NAME_GENDER.get(word)
    if gender is None:
        found = {FIRST_NAME_GENDER.get(f) for f in _FORMALS.get(word, ())} - {None}
        gender = found.pop() if len(found) == 1 else None
    return gender


@lru_cache(maxsize=65536)
def role_heads(role: str) -> frozenset[str]:
    """The roles a role or title names, as ``ROLE_TITLES`` values: "former President" ->
    {"president"}, "Vice President" -> {"vice president"}, "Sen." -> {"senator"}."""
    words = [w for _raw, w in _tokens(role)]
    out = set()
    for i, w in enumerate(words):
        if w == "president" and i and words[i - 1] == "vice":
            out.add("vice president")
        elif w in ROLE_TITLES:
            out.add(ROLE_TITLES[w])
    return frozenset(out)


@lru_cache(maxsize=65536)
def title_hint(name: str) -> tuple[str, tuple[str, ...]]:
    """(gender, roles) the leading titles of a person's name give: "Mrs. Clinton" ->
    ("female", ()), "President Obama" -> ("", ("president",)); ("", ()) when none."""
    words = [w for _raw, w in _tokens(name)]
    titles = words[:_title_length(words)]
    genders = {GENDER_TITLES[w] for w in titles if w in GENDER_TITLES}
    gender = genders.pop() if len(genders) == 1 else ""
    return gender, tuple(sorted(role_heads(" ".join(titles))))


_NO_HINT: tuple[str, tuple[str, ...]] = ("", ())


def _label(key: Name, hint: tuple[str, tuple[str, ...]]) -> str:
    """The union-find label of a node: its name key, and for a titled lone surname its hint."""
    if hint == _NO_HINT:
        return key.key
    return "%s|%s|%s" % (key.key, hint[0], "+".join(hint[1]))


def group_names(infos: Iterable[NameInfo], pinned: Iterable[str] = ()) -> list[Group]:
    """Group distinct speaker names into speakers (see the module docstring for the rules).

    ``pinned`` names come from the user's corrections: a group holding one is
    displayed under it. Otherwise a group is displayed under its most quoted
    full name (titles stripped), then the one of fewer words, then the
    shorter, then the alphabetically first. Groups come sorted by quote count (most first), then name.
    """
    infos = list(infos)
    if len({info.name for info in infos}) == 1:
        # one name is one speaker, shown under that name: most families a batch of
        # articles touches have a single name, and the rules below cost 0.1 ms a call
        return _group_one(infos, set(pinned))
    return _group_many(infos, set(pinned))


def _group_one(infos: list[NameInfo], pinned: set[str]) -> list[Group]:
    """``group_names`` of the infos of a single name (of one kind or several)."""
    kinds: Counter = Counter()
    for info in infos:
        kinds[info.kind or "person"] += info.quotes
    name = infos[0].name
    kind = _kind(kinds)
    display = name if name in pinned else clean_name(name, kind == "person")
    return [Group(display, kind, (name,), sum(info.quotes for info in infos))]


def _group_many(infos: list[NameInfo], pinned: set[str]) -> list[Group]:
    """``group_names`` by its rules, for any names."""
    kinds: dict[str, Counter] = defaultdict(Counter)
    quotes: Counter = Counter()
    roles: dict[str, set] = defaultdict(set)
    for info in infos:
        kinds[info.name][info.kind or "person"] += info.quotes
        quotes[info.name] += info.quotes
        for role in info.roles:
            roles[info.name] |= role_heads(role)
    name_kind = {n: _kind(c) for n, c in kinds.items()}
    # what the shape depends on besides quote counts: each name's kind and role heads
    key = tuple((n, name_kind[n], frozenset(roles.get(n, ()))) for n in sorted(kinds))
    shape = _SHAPES.get(key)
    if shape is None or not shape.fits(kinds):
        shape = _Shape(name_kind, kinds, roles)
        _SHAPES[key] = shape
        if len(_SHAPES) > _SHAPES_KEPT:
            del _SHAPES[next(iter(_SHAPES))]  # the oldest: enough to keep a batch's families
    return shape.groups(kinds, quotes, pinned)


# The shapes of the families grouped last, by their names, kinds and role heads: an
# ingest regroups a family for every article naming it, each time with other quote
# counts only (in a grown library, nearly always); the shape's work is then done once.
_SHAPES: dict[tuple, "_Shape"] = {}
_SHAPES_KEPT = 4096


class _Shape:
    """What ``group_names`` decides of some names before quote counts matter: the
    nodes, the full names' groups, each lone surname's candidates; ``groups`` takes
    the rest (the surname ties, the groups' display names, kinds and order) from the
    counts.

    Every decision here depends only on the names, each name's majority kind and
    role heads (the key it is kept under), and the majority kind of the nodes
    of several names (checked by ``fits``).
    """

    def __init__(self, name_kind: dict[str, str], kinds: dict[str, Counter],
                 roles: dict[str, set]) -> None:
        parsed = {n: parse_name(n, name_kind[n] == "person") for n in name_kind}
        # one node per normalised key (and, for a lone person name, the titles it came with:
        # "Mrs. Clinton" and "Clinton" may be different people); its kind is the majority
        node_names: dict[tuple, list[str]] = defaultdict(list)
        node_kinds: dict[tuple, Counter] = defaultdict(Counter)
        for n, p in parsed.items():
            hint = title_hint(n) if name_kind[n] == "person" and not p.is_full else _NO_HINT
            node_names[(p, hint)].append(n)
            node_kinds[(p, hint)].update(kinds[n])
        nodes = sorted(node_names, key=lambda nd: _label(*nd))
        people = {nd for nd in nodes if _kind(node_kinds[nd]) == "person"}
        # a node of one name has that name's kind (in the key); one of several names is a
        # person or not by their counts: kept to check
        self.mixed = [(node_names[nd], nd in people) for nd in nodes if len(node_names[nd]) > 1]
        # full names never carry a hint, so a full node is its Name alone
        full = [nd[0] for nd in nodes if nd in people and nd[0].is_full]
        uf = _Union(_label(*nd) for nd in nodes)
        _join_full_names(full, uf)

        # a lone surname: the one person with it, else the one its titles point to, else
        # (weakly) the one with the most quotes. Every decision is taken on the full names'
        # groups before any surname joins, so no surname's choice depends on another's.
        root_names: dict[str, list[str]] = defaultdict(list)
        root_genders: dict[str, set] = defaultdict(set)
        root_roles: dict[str, set] = defaultdict(set)
        by_last: dict[tuple, set] = defaultdict(set)
        for k in full:
            if k.is_joint:
                continue  # no one person: its first name and roles describe none, no surname is its
            root = uf.find(k.key)
            by_last[(k.words[-1], k.suffix)].add(root)
            root_names[root].extend(node_names[(k, _NO_HINT)])
            gender = first_name_gender(k.words[0])
            if gender:
                root_genders[root].add(gender)
            for n in node_names[(k, _NO_HINT)]:
                root_roles[root] |= roles.get(n, set())
                root_roles[root].update(title_hint(n)[1])
        self.choices = []  # (label, candidates): one candidate joins, several go by quotes
        self.lone = []  # (words and suffix, label) of every lone person surname, in node order
        for nd in nodes:
            k, (gender, hint_roles) = nd
            if nd not in people or k.is_full:
                continue
            self.lone.append(((k.words, k.suffix), _label(*nd)))
            self.choices.append((_label(*nd), _candidates(
                sorted(by_last.get((k.words[0], k.suffix), ())), gender, hint_roles,
                root_genders, root_roles)))
        self.root_names = {r: root_names[r] for c in self.choices for r in c[1]}
        self.parent = dict(uf.parent)
        self.labels = [(_label(*nd), node_names[nd]) for nd in nodes]
        # each name's display form (titles stripped) and its count of words
        self.forms = {n: (clean_name(n, name_kind[n] == "person"), len(parsed[n].words))
                      for n in name_kind}

    def fits(self, kinds: dict[str, Counter]) -> bool:
        """True when the nodes of several names are still of the kind they were (with these counts)."""
        for names, person in self.mixed:
            total: Counter = Counter()
            for n in names:
                total.update(kinds[n])
            if (_kind(total) == "person") != person:
                return False
        return True

    def groups(self, kinds: dict[str, Counter], quotes: Counter, pinned: set[str]) -> list[Group]:
        """The groups of the shape's names with these quote counts (``group_names``)."""
        root_quotes = {r: sum(quotes[n] for n in names) for r, names in self.root_names.items()}
        uf = _Union(())
        uf.parent = dict(self.parent)
        joins = []
        weak_labels = set()
        for label, candidates in self.choices:
            if len(candidates) == 1:
                joins.append((label, candidates[0]))
            elif len(candidates) > 1:
                ranked = sorted(candidates, key=lambda r: (-root_quotes[r], r))
                if root_quotes[ranked[0]] > root_quotes[ranked[1]]:
                    joins.append((label, ranked[0]))
                    weak_labels.add(label)
        for label, root in joins:
            uf.union(label, root)
        # the forms of a surname that joined no person are one speaker ("Ban", "Mr. Ban")
        joined = {label for label, _root in joins}
        alone: dict[tuple, list[str]] = defaultdict(list)
        for words, label in self.lone:
            if label not in joined:
                alone[words].append(label)
        for labels in alone.values():
            for label in labels[1:]:
                uf.union(labels[0], label)

        members: dict[str, list[str]] = defaultdict(list)
        weak: dict[str, list[str]] = defaultdict(list)
        for label, names in self.labels:
            root = uf.find(label)
            members[root].extend(names)
            if label in weak_labels:
                weak[root].extend(names)
        groups = []
        for root, names in members.items():
            group = _make_group(sorted(names), self.forms, kinds, quotes, pinned)
            groups.append(Group(group.name, group.kind, group.names, group.quotes,
                                tuple(sorted(weak.get(root, ())))))
        groups.sort(key=lambda g: (-g.quotes, g.name, g.names))
        return groups


def _join_full_names(full: list[Name], uf: _Union) -> None:
    """Join the full names of one person in ``uf``: longer forms, middle names, first-name variants.

    Names joined by "and" name several people: such a name joins the person it ends
    with (the last named of the subject, the README's known limit) and takes part in
    no other join, so one statement of "Bill and Hillary Clinton" cannot make one
    speaker of both.
    """
    by_words = {(k.words, k.suffix): k for k in full if not k.is_joint}

    # a full name absorbs the longer names that end with it (unknown titles in front)
    for k in full:
        for cut in range(1, len(k.words) - 1):
            tail = by_words.get((k.words[cut:], k.suffix))
            if tail is not None:
                uf.union(tail.key, k.key)
                break  # the longest tail: "and Chris Christie" is no name, "Chris Christie" is
    full = [k for k in full if not k.is_joint]

    # middle names: the one longer full name with the same first and last word
    by_ends: dict[tuple, list[Name]] = defaultdict(list)
    for k in full:
        by_ends[(k.words[0], k.words[-1], k.suffix)].append(k)
    for k in sorted(full, key=lambda k: (-len(k.words), k.key)):
        longer = {uf.find(o.key) for o in by_ends[(k.words[0], k.words[-1], k.suffix)]
                  if len(o.words) > len(k.words) and _is_subsequence(k.words, o.words)}
        if len(longer) == 1:
            uf.union(k.key, longer.pop())

    # first-name variants ("Ed Rendell", "Edward G. Rendell"): two people join when each is
    # the other's only person whose first name may be the same and whose other words agree
    # ("Chris Pryce" beside Christopher and Christine Pryce joins neither)
    by_last_full: dict[tuple, list[Name]] = defaultdict(list)
    for k in full:
        by_last_full[(k.words[-1], k.suffix)].append(k)
    partners: dict[str, set] = defaultdict(set)
    for same in by_last_full.values():
        for a, b in itertools.combinations(same, 2):
            ra, rb = uf.find(a.key), uf.find(b.key)
            if (ra != rb and a.words[0] != b.words[0]
                    and first_name_forms(a.words[0]) & first_name_forms(b.words[0])
                    and (_is_subsequence(a.words[1:], b.words[1:])
                         or _is_subsequence(b.words[1:], a.words[1:]))):
                partners[ra].add(rb)
                partners[rb].add(ra)
    for ra in sorted(partners):
        (rb,) = partners[ra] if len(partners[ra]) == 1 else (None,)
        if rb is not None and partners[rb] == {ra}:
            uf.union(ra, rb)


def _candidates(every: list[str], gender: str, hint_roles: tuple[str, ...],
                root_genders: dict[str, set], root_roles: dict[str, set]) -> list[str]:
    """The people (roots of full names, sorted) a lone surname may be, of ``every`` one with it:
    narrowed by the gender and roles its titles give."""
    candidates = every
    if gender:
        # people known to have that gender, else those whose gender is unknown
        candidates = ([r for r in every if root_genders[r] == {gender}]
                      or [r for r in every if not root_genders[r]])
    if hint_roles:
        with_role = [r for r in every if any(x in root_roles[r] for x in hint_roles)]
        if gender and with_role and not set(with_role) & set(candidates):
            candidates = every  # title and role disagree: only the library can tell
        else:
            candidates = [r for r in candidates if r in with_role] or candidates
    return candidates


def _make_group(names: list[str], forms_of: dict[str, tuple[str, int]], kinds: dict[str, Counter],
                quotes: Counter, pinned: set[str]) -> Group:
    """The Group of some names (sorted; ``forms_of`` gives each one's display form and
    count of words): display name, majority kind and total quotes."""
    person = organisation = 0
    for n in names:
        person += kinds[n].get("person", 0)
        organisation += kinds[n].get("organisation", 0)
    kind = "organisation" if organisation > person else "person"  # as _kind
    chosen = [n for n in names if n in pinned]
    if chosen:
        display = min(chosen, key=lambda n: (-quotes[n], n))
    else:
        # titles stripped: the forms "Antony Blinken" and "Secretary Antony Blinken" count together
        forms: dict[str, int] = {}
        words: dict[str, int] = {}
        for n in names:
            form, words[form] = forms_of[n]  # the last name of a form gives its words
            forms[form] = forms.get(form, 0) + quotes[n]
        display = min(forms, key=lambda f: (words[f] < 2, -forms[f], words[f], len(f), f))
    return Group(display, kind, tuple(names), sum(quotes[n] for n in names))


# A capitalised word or an initial, as it may stand before a surname in running text.
_NAME_WORD = re.compile(r"(?:[A-Z][\w'’\-]*\.?|[A-Z]\.)$")
_SUFFIX_AFTER = re.compile(r",? (Jr|Sr|II|III|IV)\b\.?")


def _is_word(char: str) -> bool:
    """True for what a regular expression's ``\\w`` matches in a str (alphanumeric or "_")."""
    return char.isalnum() or char == "_"


def _surname_spans(text: str, surname: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each whole-word ``surname`` in ``text``, not after an apostrophe: what
    ``re.finditer(r"(?<![\\w’'])SURNAME(?![\\w])", text)`` finds, without compiling a pattern
    a surname (a dataset load met ~400 surnames, past ``re``'s cache: 0.15 s of compiling)."""
    size, at = len(surname), 0
    while True:
        start = text.find(surname, at)
        if start < 0:
            return
        end = start + size
        if ((start == 0 or not (_is_word(text[start - 1]) or text[start - 1] in "’'"))
                and (end == len(text) or not _is_word(text[end]))):
            yield start, end
            at = end
        else:
            at = start + 1


@lru_cache(maxsize=256)
def _article_people(text: str, surname: str) -> tuple[tuple, ...]:
    """Who the article names with ``surname``: (person key, form, gender, roles) per mention.

    Each occurrence of the surname is read with the capitalised words just
    before it: leading titles give roles and gender ("Mrs.", "President"),
    a known first name (the engine's gazetteer, or a short form) makes a
    full name ("Donald J. Trump"), and a following "Jr." / "II" a suffix.
    Sentence-initial words ("But Trump") are neither titles nor first
    names, so they are dropped.
    """
    out = []
    for start, end in _surname_spans(text, surname):
        before = text[max(0, start - 80):start]
        run: list[str] = []
        for word in reversed(before.split(" ")[:-1] if before.endswith(" ") else []):
            if (_NAME_WORD.match(word) or word == "of") and len(run) < 6:
                run.insert(0, word)
            else:
                break
        suffix = _SUFFIX_AFTER.match(text, end)
        words = [w for _raw, w in _tokens(" ".join(run))]
        # the longest tail of the run that is titles then (optionally) a first name and middles
        for i in range(len(words)):
            tail = words[i:]
            cut = _title_length(tail + [surname.casefold()])
            titles, rest = tail[:cut], tail[cut:]
            if rest and not (rest[0] in FIRST_NAME_GENDER or rest[0] in _FORMALS):
                continue
            if not rest and not titles:
                continue
            gender = first_name_gender(rest[0]) if rest else None
            genders = {GENDER_TITLES[w] for w in titles if w in GENDER_TITLES}
            gender = gender or (genders.pop() if len(genders) == 1 else None)
            roles = role_heads(" ".join(titles))
            if rest:
                first = min(first_name_forms(rest[0]) - {rest[0]} or {rest[0]})
                key = (first, suffix.group(1).casefold() if suffix else "")
                raw = run[len(run) - len(rest):]
                form = " ".join(raw + [surname] + ([suffix.group(0).lstrip(", ")] if suffix else []))
                # "Donald J. Trump" and "Donald Trump" are one form of one person
                out.append((key, form, gender, roles))
            else:
                out.append((None, None, gender, roles))
            break
    return tuple(out)


def _mention_gender(mention: str | None) -> str | None:
    """The gender a mention gives ("she", "Mr. Trump"), or None."""
    if not mention:
        return None
    words = [w for _raw, w in _tokens(mention)]
    if len(words) == 1 and words[0] in PRONOUN_GENDER:
        return PRONOUN_GENDER[words[0]]
    return GENDER_TITLES.get(words[0]) if words else None


def article_name(name: str, text: str, mention: str | None = None, roles: Iterable[str] = ()) -> str:
    """The name a lone surname stands for in its article; any other name comes back as is.

    "Trump" becomes the one person the article names in full with that
    surname ("Donald J. Trump"), keeping to the gender the quote's mention or
    the article's titles give ("she", "Mrs. Clinton") when it names several.
    Unsettled, the surname comes back with that gender and role as titles
    ("Mrs. Clinton", "President Obama", "Mr. President Obama"), which
    ``group_names`` matches against the library's people with the surname.
    A pure function of the name and its article.
    """
    parsed = parse_name(name)
    pairs = _tokens(name)
    if parsed.is_full or parsed.suffix or not pairs or len(parsed.words) != 1:
        return name
    surname = _POSSESSIVE.sub("", pairs[-1][0])
    if [w for _raw, w in _tokens(surname)] != list(parsed.words):
        return name  # the last word as written is not the name's word (an odd spelling)
    people = _article_people(text, surname)
    own_gender, own_roles = title_hint(name)
    gender = _mention_gender(mention) or own_gender or None
    if gender is None:
        # the article's Mr./Mrs. for this surname, when they all agree
        said = {g for key, _f, g, _r in people if key is None and g}
        gender = said.pop() if len(said) == 1 else None
    forms: dict[tuple, Counter] = defaultdict(Counter)
    for key, form, g, _r in people:
        if key is not None and (gender is None or g is None or g == gender):
            forms[key][form] += 1
    if len(forms) == 1:
        (counts,) = forms.values()
        return min(counts, key=lambda f: (-counts[f], -len(f), f))
    heads = set(own_roles)
    for role in roles:
        heads |= role_heads(role)
    if not heads:
        titled = {r for key, _f, _g, rs in people if key is None for r in rs}
        heads = titled if len(titled) == 1 else set()
    parts = [{"male": "Mr.", "female": "Ms."}[gender]] if gender else []
    parts += [min(heads).title()] if heads else []
    return " ".join(parts + [surname]) if parts else name
