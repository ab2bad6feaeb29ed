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
- a one-word person name ("Blinken") joins the one person whose full name
  ends with that word, if exactly one does; otherwise it stays its own
  speaker ("Clinton" while both Bill and Hillary Clinton are known);
- different first names or suffixes stay apart (Bill and Hillary Clinton;
  Donald Trump and Donald Trump Jr.); organisations join only on the same
  normalised name.

Every rule relates names that share their last word, their *family*, so the
store regroups only the families an article touches. The grouping is a
function of the set of names (and their quote counts), not of the order in
which articles arrived.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

# Words stripped from the front of a person's name (compared after normalising).
TITLES = frozenset("""
    mr mrs ms miss mx dr prof professor sen senator rep representative congressman
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


@dataclass(frozen=True)
class NameInfo:
    """One distinct speaker name as the store holds it: its kind and how many quotes use it."""

    name: str
    kind: str | None = "person"
    quotes: int = 1


@dataclass(frozen=True)
class Group:
    """One speaker: its display ``name``, ``kind``, the names that make it up and its quote count."""

    name: str
    kind: str
    names: tuple[str, ...]
    quotes: int


def _tokens(name: str) -> list[tuple[str, str]]:
    """(original, normalised) word pairs of a name; words that normalise to nothing are dropped."""
    out = []
    for raw in _SPLIT.split(name.strip()):
        if not raw:
            continue
        folded = unicodedata.normalize("NFKD", raw)
        folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
        folded = _NON_WORD.sub("", _POSSESSIVE.sub("", folded)).replace("_", "")
        if folded:
            out.append((raw, folded))
    return out


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


def group_names(infos: Iterable[NameInfo], pinned: Iterable[str] = ()) -> list[Group]:
    """Group distinct speaker names into speakers (see the module docstring for the rules).

    ``pinned`` names come from the user's corrections: a group holding one is
    displayed under it. Otherwise a group is displayed under its most quoted
    full name (titles stripped), then the one of fewer words, then the
    shorter, then the alphabetically first. Groups come sorted by quote count (most first), then name.
    """
    pinned = set(pinned)
    kinds: dict[str, Counter] = defaultdict(Counter)
    quotes: Counter = Counter()
    for info in infos:
        kinds[info.name][info.kind or "person"] += info.quotes
        quotes[info.name] += info.quotes
    name_kind = {n: _kind(c) for n, c in kinds.items()}
    parsed = {n: parse_name(n, name_kind[n] == "person") for n in kinds}

    # one node per normalised key; its kind is the majority over its names
    key_names: dict[Name, list[str]] = defaultdict(list)
    key_kinds: dict[Name, Counter] = defaultdict(Counter)
    for n, p in parsed.items():
        key_names[p].append(n)
        key_kinds[p].update(kinds[n])
    keys = sorted(key_names, key=lambda k: k.key)
    people = {k for k in keys if _kind(key_kinds[k]) == "person"}
    full = [k for k in keys if k in people and k.is_full]
    uf = _Union(k.key for k in keys)
    by_words = {(k.words, k.suffix): k for k in full}

    # a full name absorbs the longer names that end with it (unknown titles in front)
    for k in full:
        for cut in range(1, len(k.words) - 1):
            tail = by_words.get((k.words[cut:], k.suffix))
            if tail is not None:
                uf.union(tail.key, k.key)

    # middle names: the one longer full name with the same first and last word
    by_ends: dict[tuple, list[Name]] = defaultdict(list)
    for k in full:
        by_ends[(k.words[0], k.words[-1], k.suffix)].append(k)
    for k in sorted(full, key=lambda k: (-len(k.words), k.key)):
        longer = {uf.find(o.key) for o in by_ends[(k.words[0], k.words[-1], k.suffix)]
                  if len(o.words) > len(k.words) and _is_subsequence(k.words, o.words)}
        if len(longer) == 1:
            uf.union(k.key, longer.pop())

    # a lone surname joins the one person whose full name ends with it
    by_last: dict[tuple, set] = defaultdict(set)
    for k in full:
        by_last[(k.words[-1], k.suffix)].add(uf.find(k.key))
    for k in keys:
        if k in people and len(k.words) == 1:
            roots = by_last.get((k.words[0], k.suffix), set())
            if len(roots) == 1:
                uf.union(k.key, next(iter(roots)))

    members: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        members[uf.find(k.key)].extend(key_names[k])
    groups = []
    for names in members.values():
        groups.append(_make_group(sorted(names), parsed, name_kind, kinds, quotes, pinned))
    groups.sort(key=lambda g: (-g.quotes, g.name, g.names))
    return groups


def _make_group(names: list[str], parsed: dict[str, Name], name_kind: dict[str, str],
                kinds: dict[str, Counter], quotes: Counter, pinned: set[str]) -> Group:
    """The Group of some names: display name, majority kind and total quotes."""
    kind_counts: Counter = Counter()
    for n in names:
        kind_counts.update(kinds[n])
    kind = _kind(kind_counts)
    chosen = [n for n in names if n in pinned]
    if chosen:
        display = min(chosen, key=lambda n: (-quotes[n], n))
    else:
        # titles stripped: the forms "Antony Blinken" and "Secretary Antony Blinken" count together
        forms: Counter = Counter()
        words: dict[str, int] = {}
        for n in names:
            form = clean_name(n, name_kind[n] == "person")
            forms[form] += quotes[n]
            words[form] = len(parsed[n].words)
        display = min(forms, key=lambda f: (words[f] < 2, -forms[f], words[f], len(f), f))
    return Group(display, kind, tuple(names), sum(quotes[n] for n in names))
