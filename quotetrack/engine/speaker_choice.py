"""Which of the article's people speaks a quotation: candidates, features, a learned choice.

The attribution rules (``attribute`` and ``resolve``) propose an answer: the
mention at the quotation and the entity it resolves to. That answer is one
candidate among others: every person or organisation named in the sentences
just before the quotation (and after it, in its own sentence) and the
speaker of the quotation before it are candidates too. Each candidate is
described by features (is it the rules' answer and how did the rules find
it, does it agree with a pronoun, how recently, how often and in what place
was it named, was it the subject of a cue), and a linear model trained on
polnear-train (``speaker_weights.json``, made by
``quotetrack.evaluation.train_speakers``) scores them. The best candidate
wins; where the rules had no answer, it must beat "none of them", a
candidate of its own, since a wrong name is worse than none.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from quotetrack.engine.entities import Entity
from quotetrack.engine.mentions import Mention

WEIGHTS_FILE = "speaker_weights.json"
# How many sentences back a candidate may have been named, and how many
# characters at most around the quotation (a line of thousands of credits
# with no full stop is one "sentence").
_WINDOW = 6
_REACH_BEFORE = 3000
_REACH_AFTER = 600
# At most this many candidates a quotation, the most recently named first.
_MAX_CANDIDATES = 10


# not frozen (never changed all the same): a frozen dataclass sets each field through
# object.__setattr__, and an article builds thousands of these
@dataclass(slots=True, unsafe_hash=True)
class Named:
    """One place where the article names an entity (outside quotations)."""

    pos: int
    entity: Entity
    sent: int
    para: int
    subject: bool  # the subject of a cue verb ("Gomis told", "said Monk")
    first_in_sent: bool  # the first entity its sentence names


# not frozen (never changed all the same): a frozen dataclass sets each field through
# object.__setattr__, and an article builds thousands of these
@dataclass(slots=True, unsafe_hash=True)
class Context:
    """What the choice knows of one quotation."""

    start: int
    end: int
    sent: int
    para: int
    mention: Mention | None
    method: str  # how attribution found the mention ("adjacent", "continuation", ...)
    rule: Entity | None  # the entity the rules resolved the mention to
    how: str  # how the rules resolved it ("name", "pronoun", "description", "none")
    previous: Entity | None  # the speaker the rules gave the quotation before


class NameIndex:
    """Every name occurrence of an article, in order, with fast windows by sentence."""

    def __init__(self, named: list[Named]) -> None:
        self.named = sorted(named, key=lambda n: n.pos)
        self.positions = [n.pos for n in self.named]
        self.speaker_counts: dict[int, list[int]] = {}  # id(entity) -> positions as a cue subject
        for n in self.named:
            if n.subject:
                self.speaker_counts.setdefault(id(n.entity), []).append(n.pos)

    def around(self, ctx: Context, sent_starts: list[int]) -> list[Named]:
        """Occurrences from ``_WINDOW`` sentences before the quotation to the end of its sentence."""
        lo_sent = max(0, ctx.sent - _WINDOW)
        lo = max(sent_starts[lo_sent] if sent_starts else 0, ctx.start - _REACH_BEFORE)
        hi_sent = ctx.sent + 1
        hi = min(sent_starts[hi_sent] if hi_sent < len(sent_starts) else math.inf, ctx.end + _REACH_AFTER)
        i = bisect.bisect_left(self.positions, lo)
        j = bisect.bisect_left(self.positions, hi) if hi != math.inf else len(self.positions)
        return self.named[i:j]

    def times_subject_before(self, ent: Entity, pos: int) -> int:
        """How often ``ent`` was the subject of a cue before ``pos``."""
        return bisect.bisect_left(self.speaker_counts.get(id(ent), []), pos)


def candidates(ctx: Context, index: NameIndex,
               sent_starts: list[int]) -> list[tuple[Entity | None, dict[str, float]]]:
    """The candidate speakers of one quotation with their features, most recently named
    first, then ``None``, standing for a speaker who is none of them."""
    seen: dict[int, tuple[Entity, list[Named], list[Named]]] = {}
    start, end = ctx.start, ctx.end
    for n in index.around(ctx, sent_starts):
        pos = n.pos
        if start <= pos < end:
            continue
        item = seen.get(id(n.entity))
        if item is None:
            item = seen[id(n.entity)] = (n.entity, [], [])
        (item[1] if pos < start else item[2]).append(n)
    for extra in (ctx.rule, ctx.previous):
        if extra is not None and id(extra) not in seen:
            seen[id(extra)] = (extra, [], [])

    def recency(item) -> float:
        _ent, before, after = item
        if before:
            return ctx.start - before[-1].pos
        if after:
            return 10_000 + after[0].pos - ctx.end
        return math.inf

    items = sorted(seen.values(), key=recency)[:_MAX_CANDIDATES]
    keep = {id(e) for e, _b, _a in items}
    for extra in (ctx.rule, ctx.previous):  # never cut the rules' own answers
        if extra is not None and id(extra) not in keep:
            items.append(seen[id(extra)])
    out: list[tuple[Entity | None, dict[str, float]]] = []
    for rank, (ent, before, after) in enumerate(items):
        out.append((ent, _features(ctx, ent, before, after, rank, index)))
    if out:
        out.append((None, _none_features(ctx)))
    return out


def _none_features(ctx: Context) -> dict[str, float]:
    """The features of "none of these": that the speaker is someone not among the candidates."""
    kind = ctx.mention.kind if ctx.mention is not None else "none"
    f = {"none": 1.0, "none:kind:" + kind: 1.0, "none:method:" + ctx.method: 1.0}
    if ctx.rule is None:
        f["none:no_rule_answer"] = 1.0
    return f


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "more"


# the keys _bucket makes for a candidate's rank (0, 1, 2) and sentences back (0 to 4),
# made once rather than for every candidate
_RANK_KEYS = tuple("rank:" + _bucket(n, (0, 1, 2)) for n in range(3))
_SENTS_BACK_KEYS = tuple("sents_back:" + _bucket(n, (0, 1, 2, 4)) for n in range(5))


def _features(ctx: Context, ent: Entity, before: list[Named], after: list[Named], rank: int,
              index: NameIndex) -> dict[str, float]:
    f: dict[str, float] = {}
    m = ctx.mention
    kind = m.kind if m is not None else "none"
    if ent is ctx.rule:
        f["rule:" + ctx.method] = 1.0
        if ctx.how != "description":  # a description's answer is its role match, below
            f["rule_how:" + ctx.how] = 1.0
    if ent is ctx.previous:
        f["previous"] = 1.0
        f["previous:" + kind] = 1.0
    f[_RANK_KEYS[rank] if rank <= 2 else "rank:more"] = 1.0
    if before:
        last = before[-1]
        back = ctx.sent - last.sent
        f[_SENTS_BACK_KEYS[back] if 0 <= back <= 4 else "sents_back:0" if back < 0 else "sents_back:more"] = 1.0
        f["same_para"] = 1.0 if last.para == ctx.para else 0.0
        if last.subject:
            f["last_as_subject"] = 1.0
        if last.first_in_sent:
            f["last_first_in_sent"] = 1.0
        f["log_named_before"] = math.log1p(len(before))
    else:
        f["not_named_before"] = 1.0
    if after:
        f["named_after_in_sentence"] = 1.0
        if after[0].subject:
            f["after_as_subject"] = 1.0
    f["log_subject_before"] = math.log1p(index.times_subject_before(ent, ctx.start))
    f["log_count"] = math.log1p(ent.count)
    if len(ent.tokens) >= 2:
        f["multiword"] = 1.0
    if ent.org:
        # an organisation answers to "it", "they", "the company", rarely to "he" or "the senator"
        f["org:" + (kind if kind != "description" else "description_" + ("org" if m.org else "person"))] = 1.0
    if m is not None and m.kind == "pronoun":
        if m.plural or m.head == "it":
            f["pron_group:" + ("org" if ent.org else "person")] = 1.0
        elif ent.gender is None:
            f["pron:unknown_gender"] = 1.0
        else:
            f["pron:agree" if ent.gender == m.gender else "pron:disagree"] = 1.0
    if m is not None and m.kind == "name" and m.name and ent is not ctx.rule:
        toks = m.name.lower().split()
        if toks and toks[-1] == ent.tokens[-1]:
            f["name:same_surname"] = 1.0
    return f


@dataclass(frozen=True)
class Model:
    """The trained speaker model: feature weights, and the score margins a candidate
    needs to fill in for the rules' missing answer (one margin for each kind of
    mention at the quotation: none, pronoun, description, name) or to replace
    their answer (None: never)."""

    weights: dict[str, float]
    fill_margins: dict[str, float | None]  # by the kind of mention at the quotation
    switch_margin: float | None


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The trained model shipped with the package (``speaker_weights.json``)."""
    path = resources.files("quotetrack.engine").joinpath(WEIGHTS_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(data["weights"], data.get("fill_margins", {}), data.get("switch_margin"))


def score(features: dict[str, float], weights: dict[str, float]) -> float:
    """The linear score of one candidate."""
    get = weights.get
    return sum([get(k, 0.0) * v for k, v in features.items()])


def decide(ctx: Context, cands: list[tuple[Entity | None, dict[str, float]]],
           weights: dict[str, float]) -> tuple[str, int, float, float] | None:
    """What the model would do, before any margin: ``("fill" | "switch" | "keep", best
    candidate's index, its margin, its probability)``; None when the rules decide alone.

    The margin of a fill is the best candidate's score over "none of them"; of a
    switch, over the rules' own answer.
    """
    if (len(cands) < 2 or ctx.method in _NO_SPEAKER or _names_nobody(ctx.mention)
            or (ctx.how == "description" and ctx.rule is not None)):
        # a description tied to a person by role ("the top American diplomat" for
        # the Secretary of State) is settled, and too rare to learn from; an
        # agentless question or passive cue has no speaker, and "a passenger"
        # or "officials" is somebody the article does not name
        return None
    get = weights.get
    scores = [sum([get(k, 0.0) * v for k, v in f.items()]) for _e, f in cands]  # score() of each
    top = max(scores)
    exp = math.exp
    total = sum([exp(x - top) for x in scores])
    best = 0  # the first of the highest scores (the last candidate is "none of them")
    for i in range(1, len(cands) - 1):
        if scores[i] > scores[best]:
            best = i
    p = math.exp(scores[best] - top) / total
    if ctx.rule is None:
        return "fill", best, scores[best] - scores[-1], p
    if cands[best][0] is ctx.rule:
        return "keep", best, 0.0, p
    rule = next(i for i, (e, _f) in enumerate(cands) if e is ctx.rule)
    return "switch", best, scores[best] - scores[rule], p


def choose(ctx: Context, cands: list[tuple[Entity | None, dict[str, float]]],
           model: Model | None = None) -> tuple[Entity | None, float, bool]:
    """The chosen speaker, the model's probability for it, and whether the model chose it.

    The rules' answer stays unless another candidate outscores it by the
    switch margin; with no answer from the rules, the best candidate is taken
    only when it outscores "none of them" by the fill margin for that kind of
    mention (the margins are chosen in training so that what the model
    changes is right more often than wrong).
    """
    if model is None:
        model = load_model()
    d = decide(ctx, cands, model.weights)
    if d is None or d[0] == "keep":
        return ctx.rule, 1.0 if d is None else d[3], False
    kind, best, margin, p = d
    needed = model.fill_margins.get(mention_kind(ctx)) if kind == "fill" else model.switch_margin
    if needed is None or margin < needed:
        return ctx.rule, p, False
    return cands[best][0], p, True


def mention_kind(ctx: Context) -> str:
    """The kind of mention at a quotation: "none", "pronoun", "description" or "name"."""
    return ctx.mention.kind if ctx.mention is not None else "none"


def _names_nobody(m: Mention | None) -> bool:
    """An indefinite or plural description: "a passenger", "one official", "experts"."""
    if m is None or m.kind != "description":
        return False
    return m.plural or m.text.lower().startswith(_INDEFINITE)


_INDEFINITE = ("a ", "an ", "one ", "another ", "some ", "several ", "two ", "three ", "many ")
# Methods by which attribution decided that the text gives no speaker.
_NO_SPEAKER = {"question", "passive"}
