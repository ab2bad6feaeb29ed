"""Read the noun phrase that names a speaker next to a cue verb.

A mention is a pronoun ("she"), a name with any titles before it ("White
House Spokesperson Jen Psaki"), or a description ("the top American
diplomat", "a campaign spokesman"). Names are split from their titles so
that "Secretary of State Antony Blinken" gives the name "Antony Blinken"
and the role "Secretary of State".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotetrack.engine.lexicon import (AUXILIARIES, CUE_FORMS, DEMONYMS, FEMALE_HONORIFICS, FIRST_NAME_GENDER,
                                       FIRST_NAMES, MALE_HONORIFICS, NOT_NAMES, OPENING_PREPOSITIONS,
                                       ORG_NOUNS, PERSON_NOUNS, SENTENCE_ADVERBS, SUBORDINATORS,
                                       TIME_WORDS, TITLES, is_title)
from quotetrack.engine.tokens import Token

_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this",
                "that", "one", "another", "two", "three", "several", "some", "many", "other",
                "these", "those", "both", "most", "no"}
_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who"}
_NAME_LINKS = {"of", "de", "da", "del", "della", "van", "von", "der", "den", "la", "le", "bin",
               "al", "&", "for", "on", "the"}
# Links that join the words of an organisation's name only ("Center for Energy
# Policy", "Committee on Foreign Relations"), never a person's.
_ORG_LINKS = {"for", "on", "&", "the"}
# Lower-case particles inside personal names: "Louis van Gaal", "Ursula von der Leyen".
_PARTICLES = {"de", "da", "del", "della", "van", "von", "der", "den", "la", "le", "bin", "al",
              "du", "di", "dos", "das", "ter", "ten", "ibn", "el"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# Prepositions that attach a place or an employer to the person before them:
# "Marco Rubio of Florida", "the senator from Texas", "Kim Berg at Netguard".
_AFFILIATION = {"of", "from", "at"}
# Nouns for someone who speaks on behalf of an organisation: "a spokesperson for X".
_MOUTHPIECES = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen",
                "spokeswomen", "representative", "representatives", "spokespersons"}
_TIME_PREPS = {"on", "in", "at", "during", "for", "this", "last", "late", "early"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "aug", "sept", "oct",
           "nov", "dec"}
# Lower-case nouns that may stand inside a name's premodifiers.
_ORG_PREMODIFIERS = ORG_NOUNS | {"police", "state", "county", "city", "campaign", "party",
                                 "fire", "transition", "election", "defense", "school"}
# An age used as a noun: "the 29-year-old".
_AGE = re.compile(r"^\d+-years?-old$")
# Institution nouns that head an organisation's name in lower case after a
# capitalised place or party: "Richmond police", "Labour party".
_INSTITUTIONS = {"police", "campaign", "government", "administration", "council", "party",
                 "authorities", "officials", "prosecutors", "department", "ministry"}
# Prepositions whose object is a place, a platform or a medium, never the
# subject of the cue after it: "in France", "on Twitter".
_OBJECT_PREPS = {"in", "on", "at", "to", "into", "onto", "from", "via", "with", "by", "about",
                 "against", "over", "under", "through", "toward", "towards", "near", "across",
                 "within", "outside", "inside", "like", "unlike", "than", "for", "of", "between",
                 "among", "around", "behind", "beyond"}
# Conjunctions and linking adverbs that open a sentence before its subject:
# "But Obama said", "As Cornyn put it", "Still, Clinton said".
_OPENING_LINKS = {"as", "and", "but", "or", "so", "yet", "nor", "then", "now", "still", "also",
                  "even", "just", "only", "instead", "indeed", "however", "meanwhile", "moreover",
                  "too", "plus"}
# Common irregular past tenses: after a name they show a clause, not an appositive.
_IRREGULAR_PASTS = set("""
    went came took made gave got won lost met led left ran saw sat stood held kept brought
    thought spent sent began became spoke wrote fought struck built drew flew fell felt found
    heard hit knew paid rose sought sold taught threw understood wore did had was were
""".split())
# Role words that can join a following "of" phrase: Secretary of State.
_ROLE_OF = {"secretary", "minister", "director", "chairman", "chairwoman", "chair", "head",
            "president", "speaker", "leader", "member", "chief", "mayor", "governor",
            "attorney", "commissioner", "ambassador", "editor", "professor", "dean"}


# not frozen (never changed all the same): a frozen dataclass sets each field through
# object.__setattr__, and an article builds thousands of these
@dataclass(slots=True, unsafe_hash=True)
class Mention:
    """A speaker mention: tokens ``first..last`` (inclusive) and what they say."""

    start: int  # character offsets into the article
    end: int
    text: str
    kind: str  # "name", "pronoun", "description"
    name: str | None = None  # the personal or organisation name, titles removed
    roles: tuple[str, ...] = ()
    head: str = ""  # lower-case head word of a description or the pronoun
    gender: str | None = None
    org: bool = False
    plural: bool = False
    np_start: int = -1  # where the whole noun phrase starts, when before the name


# unions the word tests below use, made once rather than at every test
_AFFILIATION_OR_FOR = _AFFILIATION | {"for"}
_ADVERBS_OR_LINKS = SENTENCE_ADVERBS | _OPENING_LINKS
_CLAUSE_OPENERS = OPENING_PREPOSITIONS | SUBORDINATORS | SENTENCE_ADVERBS | _OPENING_LINKS
_TIME_WORDS_OR_MONTHS = TIME_WORDS | _MONTHS
_LINKS_OR_PARTICLES = _NAME_LINKS | _PARTICLES
_LINKS_OR_DETERMINERS = _NAME_LINKS | _DETERMINERS


def is_name_word(tok: Token) -> bool:
    """A word that can be part of a name: capitalised, no dateline, no sentence-initial verb
    (``Token.name``, worked out with the token's other features)."""
    return tok.name


def _is_initial(tok: Token) -> bool:
    return tok.kind == "W" and len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."


def _org_word(tok: Token) -> bool:
    """A word that can end the first part of an organisation's name before
    "for" or "on": "Center (for ...)", "Citizens (for ...)", "Committee (on ...)"."""
    low = tok.lower
    return low in ORG_NOUNS or (low.endswith("s") and len(low) > 3 and low not in NOT_NAMES) or (
        low in {"fund", "project", "program", "programme", "action", "partnership", "women",
                "people", "centre", "academy", "museum", "bank", "chamber", "trust", "forum"})


def _person_words(words: list[Token]) -> bool:
    """Does this run (titles first) name a person? "Rep. Peter King", "Kim Berg",
    "Mr. Nevins"; not "Bank", "University", "Secretary"."""
    n = 0
    titled = False
    while n < len(words) and is_title(words[n].lower):
        titled = True
        n += 1
    rest = words[n:]
    if not rest or len(rest) > 4 or any(w.lower in ORG_NOUNS for w in rest):
        return False
    if not all(w.name or _is_initial(w) or w.lower in _PARTICLES or w.lower in _SUFFIXES
               for w in rest):
        return False
    return titled or rest[0].lower in FIRST_NAMES or (len(rest) >= 2 and any(_is_initial(w) for w in rest))


def _org_like(m: Mention, words: list[Token]) -> bool:
    """A name that is an organisation by its form: "the Metropolitan Police",
    "Apple Inc.", "the RSPCA", "Acme Corp"."""
    return m.org or any(w.text.isupper() and len(w.text) >= 2 and w.text.isalpha() for w in words) or (
        words[-1].lower.rstrip(".") in {"inc", "corp", "ltd", "plc", "llc", "co", "group", "ag", "sa"})


def _attached_to(tokens: list[Token], k: int, j: int, lo: int, text: str, det: bool) -> Mention | None:
    """The name ``tokens[k..j]`` as the object of "of", "from", "at" or "for"
    after a person: "Kim Berg of security firm Netguard" is Kim Berg, "the
    senator from Texas" a senator, "a spokesperson for the Met Police" the
    Met Police. None when no such person stands before it."""
    q = k - 1
    # lower-case premodifiers of the organisation: "of [security firm] Netguard"
    while q >= lo and k - q <= 3 and tokens[q].kind == "W" and tokens[q].text.islower() and (
            tokens[q].lower.isalpha() and tokens[q].lower not in _OBJECT_PREPS
            and tokens[q].lower not in NOT_NAMES and tokens[q].lower not in CUE_FORMS):
        q -= 1
    if q - 1 < lo or tokens[q].kind != "W" or tokens[q].lower not in _AFFILIATION_OR_FOR \
            or not tokens[q].text.islower():
        return None
    prep = tokens[q].lower
    person = _np_backward(tokens, q - 1, lo, text, attach=False)
    if person is None or person.org or person.kind == "pronoun":
        return None
    end = tokens[j].end
    start = person.np_start if person.np_start >= 0 else person.start
    if person.kind == "name":
        if prep == "for":
            return None  # "Americans for Prosperity" is read as one name elsewhere
        affiliation = text[tokens[q].start:end]
        return Mention(person.start, end, text[person.start:end], "name", person.name,
                       person.roles + (affiliation,), person.head, person.gender, False, False,
                       person.np_start)
    if person.head not in PERSON_NOUNS or person.head in ORG_NOUNS:
        return None
    if prep == "for" and person.head in _MOUTHPIECES:
        principal = _name_mention(tokens, k, j, text, det)
        if principal is not None and principal.kind == "name" and (
                _org_like(principal, tokens[k:j + 1]) or _speaks_as_organisation(
                    [t for t in tokens[k:j + 1] if t.lower != "the"])):
            # the organisation speaks through its spokesperson
            return Mention(principal.start, end, principal.text, "name", principal.name,
                           (person.text,), principal.head, None, True, False, start)
    # "the senator from Texas", "a spokesman for Mr. Trump": the person, not the place
    return Mention(start, end, text[start:end], "description", None, (text[tokens[q].start:end],),
                   person.head, person.gender, False, person.plural)


def mention_before(tokens: list[Token], j: int, lo: int, text: str) -> Mention | None:
    """The mention whose last token is at or just before ``j`` (skipping an
    appositive set off by commas), looking no further back than ``lo``."""
    if j < lo:
        return None
    if tokens[j].text == ",":
        chained = _appositive_chain(tokens, j, lo, text)
        if chained is not None:
            return chained
    # "Ned Price, the department's spokesman, said": skip the appositive
    if tokens[j].text == "," and j - 1 >= lo:
        k = j - 1
        while k >= lo and tokens[k].text not in {",", ";", ":"} and tokens[k].kind != "Q":
            k -= 1
        if k >= lo and tokens[k].text == "," and k > lo:
            inner = _np_forward(tokens, k + 1, j, text)
            after = _end_index(tokens, inner, k + 1, j) if inner is not None else j
            if inner is not None and inner.kind != "description" and after < j and (
                    inner.start == tokens[k + 1].start and tokens[k + 1].lower not in _DETERMINERS
                    and not tokens[after - 1].possessive and finite_verb(tokens[after])):
                # "In Salem, New Hampshire, Trump went after Bush, calling him": the
                # words between the commas are a clause, not an appositive, and the
                # cue after them shares that clause's subject
                return inner
            head = _np_backward(tokens, k - 1, lo, text)
            if head is not None:
                if inner is not None and inner.kind == "description" and head.kind == "name":
                    return _with_roles(head, inner, text)
                if inner is not None and inner.kind == "name" and (
                        head.kind == "description" or _through_mouthpiece(head)):
                    # "Trump's state director, Mike Rubino, said", "the White House
                    # spokesman, Josh Earnest, said": the person named speaks
                    return _with_roles(inner, head, text)
                return head
        return None
    return _np_backward(tokens, j, lo, text)


def finite_verb(tok: Token) -> bool:
    """A word that can only be read as a finite verb after a subject: an
    auxiliary, a reporting verb, a regular past form or a common irregular one
    ("Trump went", "Mr. Trump seemed", "he won")."""
    low = tok.lower
    if tok.kind != "W" or not tok.text.islower():
        return False
    return low in AUXILIARIES or low in _IRREGULAR_PASTS or (
        low in CUE_FORMS and not low.endswith("ing")) or (low.endswith("ed") and len(low) > 4)


def _appositive_chain(tokens: list[Token], j: int, lo: int, text: str) -> Mention | None:
    """"Johnnie Wilson, 70, of Springfield, Va., said": the name opening the
    clause, before a chain of comma-separated asides."""
    commas = []
    k = j - 1
    while k >= lo and j - k <= 40:
        t = tokens[k]
        if t.kind == "Q" or t.text in {";", ":", "(", ")"}:
            break
        if t.text == ",":
            commas.append(k)
        k -= 1
    clause_start = k + 1
    if len(commas) < 2:
        return None
    first_comma = commas[-1]
    head = _np_backward(tokens, first_comma - 1, clause_start, text)
    if head is None or head.kind != "name" or _through_mouthpiece(head):
        return None  # "the White House spokesman, Josh Earnest, said": the person named speaks
    starts = head.start
    first_tok = next(i for i in range(clause_start, first_comma) if tokens[i].end > starts)
    if first_tok != clause_start:
        return None
    descs = []
    for a, b in zip([first_comma] + commas[::-1][1:], commas[::-1][1:] + [j]):
        d = _np_forward(tokens, a + 1, b, text)
        if d is not None and d.kind == "description":
            descs.append(d)
    for d in descs[:1]:
        head = _with_roles(head, d, text)
    return head


def mention_after(tokens: list[Token], i: int, hi: int, text: str) -> Mention | None:
    """The mention starting at ``i`` ("said [White House Spokesperson Jen Psaki], ...")."""
    if i >= hi:
        return None
    m = _np_forward(tokens, i, hi, text)
    if m is None:
        # "says dairy farmer Ann Cole": lower-case premodifiers before the name
        later = _name_after_premodifiers(tokens, i, hi, text)
        if later is None:
            return None
        role = text[tokens[i].start:later.start].strip()
        return Mention(tokens[i].start, later.end, text[tokens[i].start:later.end], "name", later.name,
                       later.roles + ((role,) if role else ()), later.head, later.gender, later.org,
                       False, tokens[i].start)
    # an appositive after it: "said Gary Orfield, an education professor"
    k = _end_index(tokens, m, i, hi)
    if m.kind == "name" and not m.roles:
        later = _name_after_premodifiers(tokens, k, hi, text)
        if later is not None:
            # "said Idaho nutritional-supplement magnate Frank VanderSloot"
            role = text[m.start:tokens[_end_index(tokens, later, k, hi) - 1].start].strip()
            m = Mention(m.start, later.end, text[m.start:later.end], "name", later.name,
                        later.roles + ((role,) if role else ()), later.head, later.gender,
                        later.org, False, m.start)
            k = _end_index(tokens, m, i, hi)
    if m.kind == "name" and k < hi and tokens[k].text == ",":
        app = _np_forward(tokens, k + 1, hi, text)
        if app is not None and app.kind == "description":
            return _with_roles(m, app, text)
    if m.kind == "description" and k < hi and tokens[k].text == ",":
        app = _np_forward(tokens, k + 1, hi, text)
        if app is not None and app.kind == "name":
            return _with_roles(app, m, text)
    return m


def _name_after_premodifiers(tokens: list[Token], k: int, hi: int, text: str) -> Mention | None:
    """A personal name after up to four lower-case premodifiers, ending the phrase."""
    j = k
    while j < hi and j - k < 4 and tokens[j].kind == "W" and tokens[j].text.islower() and (
            tokens[j].lower not in NOT_NAMES and tokens[j].lower not in CUE_FORMS
            and tokens[j].lower not in _TIME_PREPS and not tokens[j].lower.endswith("ed")):
        j += 1
    if j == k or j >= hi or not tokens[j].name:
        return None
    later = _np_forward(tokens, j, hi, text)
    if later is None or later.kind != "name" or later.org:
        return None
    end = _end_index(tokens, later, j, hi)
    if end < hi and tokens[end].kind == "W" and not tokens[end].is_cap and tokens[end].lower not in _TIME_PREPS:
        return None  # the phrase goes on: not a name that closes it
    return later


def _end_index(tokens: list[Token], m: Mention, i: int, hi: int) -> int:
    k = i
    while k < hi and tokens[k].start < m.end:
        k += 1
    return k


def _with_roles(name: Mention, desc: Mention, text: str) -> Mention:
    role = desc.text
    for det in ("the ", "a ", "an "):
        if role.lower().startswith(det):
            role = role[len(det):]
    roles = name.roles + ((role,) if role and len(role) < 80 else ())
    gender = name.gender or desc.gender
    desc_start = desc.np_start if desc.np_start >= 0 else desc.start
    return Mention(name.start, name.end, name.text, name.kind, name.name, roles, name.head,
                   gender, name.org and desc.org, name.plural, min(name.start, desc_start))


def _np_backward(tokens: list[Token], j: int, lo: int, text: str, attach: bool = True) -> Mention | None:
    tok = tokens[j]
    if tok.kind == "P" and tok.text == ")":
        # "Sen. Pat Toomey (R-Pa.) said": pass over the party and state
        k = j
        while k >= lo and tokens[k].text != "(":
            k -= 1
        if k - 1 >= lo and j - k <= 6:
            return _np_backward(tokens, k - 1, lo, text)
        return None
    if tok.kind != "W":
        return None
    low = tok.lower
    if low in _PRONOUNS:
        if low == "who":
            return None
        return _pronoun(tok)
    if tok.name or (tok.lower in _SUFFIXES and j > lo and tokens[j - 1].name):
        k = j
        while k - 1 >= lo:
            prev = tokens[k - 1]
            if prev.name or _is_initial(prev):
                k -= 1
            elif prev.kind == "W" and prev.text.islower() and prev.lower in _PARTICLES:
                # "Ursula von der Leyen", and "de Blasio said" with no given name
                m = k - 1
                while m - 1 >= lo and tokens[m - 1].kind == "W" and tokens[m - 1].text.islower() \
                        and tokens[m - 1].lower in _PARTICLES:
                    m -= 1
                k = m
                if not (m - 1 >= lo and tokens[m - 1].name):
                    break
            elif prev.kind == "W" and prev.lower in _NAME_LINKS and k - 2 >= lo and tokens[k - 2].name:
                if prev.lower in _ORG_LINKS and not _org_word(tokens[k - 2]):
                    break  # "Mostly for Trump", "As for Ban": a preposition, not a name
                k -= 1
            elif prev.kind == "W" and is_title(prev.lower) and prev.text.islower():
                k -= 1  # "press secretary Josh Earnest"
            elif (prev.kind == "W" and prev.text.islower() and prev.lower in _ORG_PREMODIFIERS
                  and k - 2 >= lo and tokens[k - 2].name):
                k -= 1  # "Tulsa police Chief Chuck Jordan", "Clinton campaign chairman"
            elif prev.text in {"-", "–"} and k - 2 >= lo and tokens[k - 2].name:
                k -= 1
            else:
                break
        while k < j and tokens[k].lower in _NAME_LINKS and tokens[k].lower not in _PARTICLES:
            k += 1
        # a determiner before a capitalised run makes it an organisation: "the Pentagon"
        det = k - 1 >= lo and tokens[k - 1].lower == "the"
        if det:
            k -= 1
        attached = _attached_to(tokens, k, j, lo, text, det) if attach else None
        if attached is not None:
            return attached
        return _name_mention(tokens, k, j, text, det)
    if (low.isalpha() or _AGE.match(low)) and low not in NOT_NAMES and low not in CUE_FORMS and not low.endswith("ly"):
        k = j
        has_det = False
        while k - 1 >= lo:
            prev = tokens[k - 1]
            if prev.kind != "W" or prev.lower in CUE_FORMS or prev.lower in _PRONOUNS:
                break
            if prev.lower in _DETERMINERS or prev.possessive:
                k -= 1
                has_det = True
                if prev.possessive and k - 1 >= lo and tokens[k - 1].lower in {"the", "a", "an", "this", "that"}:
                    k -= 1  # "the group's president": the possessor's own determiner too
                break
            if prev.lower in NOT_NAMES and not prev.text[:1].isupper():
                break
            k -= 1
            if j - k > 6:
                return None
        known = low in PERSON_NOUNS or (low.endswith("s") and low[:-1] in PERSON_NOUNS)
        if low in _MOUTHPIECES:
            speaking = _organisation_before(tokens, k, k + (1 if has_det else 0), j, text)
            if speaking is not None:
                return speaking
        if known or has_det:
            return _description(tokens, k, j, text)
        if low in _INSTITUTIONS and k < j and all(t.name for t in tokens[k:j]):
            # "Richmond police said": a place or party before an institution noun
            return Mention(tokens[k].start, tokens[j].end, text[tokens[k].start:tokens[j].end], "name",
                           text[tokens[k].start:tokens[j].end], (), low, None, True, False)
    return None


def _np_forward(tokens: list[Token], i: int, hi: int, text: str) -> Mention | None:
    """A mention starting at ``i``; it ends before a comma, verb or quote."""
    if i >= hi:
        return None
    tok = tokens[i]
    if tok.kind != "W":
        return None
    if tok.lower in _PRONOUNS and tok.lower != "who":
        return _pronoun(tok)
    if tok.is_cap and tok.lower in _ADVERBS_OR_LINKS and i + 1 < hi and (
            tokens[i + 1].kind == "W" and tokens[i + 1].lower not in OPENING_PREPOSITIONS):
        # "Maybe Trump said", "As Cornyn put it": the adverb or "as" opens the
        # clause, the name after it is still its subject
        return _np_forward(tokens, i + 1, hi, text)
    if tok.is_cap and tok.lower in _CLAUSE_OPENERS:
        # "As for Ban", "On Russia", "When Wallace died": the noun phrase is the
        # object of a preposition or the subject of a subordinate clause
        return None
    k = i
    while k < hi and tokens[k].kind == "W":
        low = tokens[k].lower
        if low in _TIME_PREPS and k + 1 < hi and tokens[k + 1].lower in _TIME_WORDS_OR_MONTHS:
            break  # "said Jen Psaki on Friday"
        if tokens[k].text[:1].isupper() or tokens[k].lower in _LINKS_OR_PARTICLES or _is_initial(tokens[k]) \
                or tokens[k].name:
            k += 1
        elif low in _DETERMINERS or is_title(low) or tokens[k].possessive or _AGE.match(low):
            k += 1
        elif low in PERSON_NOUNS or (low.endswith("s") and low[:-1] in PERSON_NOUNS):
            k += 1
        elif not low.isalpha() or low in NOT_NAMES or low in CUE_FORMS or low.endswith("ly"):
            break
        elif k + 1 < hi and tokens[k + 1].kind == "W" and (
                tokens[k + 1].lower in PERSON_NOUNS
                or (tokens[k + 1].text[:1].isupper() and tokens[i].lower in _DETERMINERS)):
            # an adjective before a noun: "senior official", "the top American diplomat"
            # (not a verb before its object: "Mrs. Schlafly endorsed Donald Trump")
            k += 1
        else:
            break
        if k - i > 12:
            break
    # trim trailing link words ("the", "of") and a dangling possessive
    while k > i and tokens[k - 1].lower in _LINKS_OR_DETERMINERS:
        k -= 1
    if k <= i:
        return None
    last = tokens[k - 1]
    if last.name or last.lower in _SUFFIXES:
        det = tokens[i].lower == "the"
        return _name_mention(tokens, i, k - 1, text, det)
    if last.lower in PERSON_NOUNS or (last.lower.endswith("s") and last.lower[:-1] in PERSON_NOUNS) \
            or (_AGE.match(last.lower) and k - 1 > i):
        return _description(tokens, i, k - 1, text)
    return None


def plain_noun(m: Mention) -> Mention:
    """A one-word name read as the common noun it is ("Aides", "Harsh"): a
    description headed by that word, which names nobody."""
    low = m.name.lower() if m.name else m.text.lower()
    plural = low.endswith("s") and not low.endswith("ss")
    return Mention(m.start, m.end, m.text, "description", None, (), low, None, False, plural)


def _pronoun(tok: Token) -> Mention:
    low = tok.lower
    gender = {"he": "male", "she": "female"}.get(low)
    return Mention(tok.start, tok.end, tok.text, "pronoun", None, (), low, gender,
                   org=low == "it", plural=low in {"they", "we"})


def _speaks_as_organisation(words: list[Token]) -> bool:
    """A name that is an organisation by its form ("RSPCA", "Acme Corp") or a name of
    several words with no title or given name in it ("White House", "Tesco Bank"; not
    "House Speaker Paul Ryan"). A lone word may be a surname ("a Trump spokesman"
    speaks for a person), so it is not enough."""
    if any(is_title(w.lower) or w.lower in FIRST_NAMES for w in words):
        return False
    stub = Mention(0, 0, "", "name", None)
    return _org_like(stub, words) or (len(words) >= 2 and not _person_words(words))


def _through_mouthpiece(m: Mention) -> bool:
    """An organisation speaking through its spokesperson ("an RSPCA spokesperson")."""
    return m.org and bool(m.roles) and m.roles[-1].split()[-1].lower() in _MOUTHPIECES


def _organisation_before(tokens: list[Token], k: int, i: int, j: int, text: str) -> Mention | None:
    """"An RSPCA spokesman", "a Tesco Bank spokesperson": the organisation whose name
    stands before the spokesperson speaks through them (a person's does not: "a
    Trump spokesman" is someone unnamed)."""
    words = tokens[i:j]
    if not words or not all(w.name for w in words) or not _speaks_as_organisation(words):
        return None
    start, end = words[0].start, words[-1].end
    name = text[start:end]
    return Mention(start, tokens[j].end, name, "name", name, (text[start:tokens[j].end],),
                   words[-1].lower, None, True, False, tokens[k].start)


def _description(tokens: list[Token], k: int, j: int, text: str) -> Mention:
    start, end = tokens[k].start, tokens[j].end
    head = tokens[j].lower
    plural = head.endswith("s") and head[:-1] in PERSON_NOUNS and head not in PERSON_NOUNS
    gender = "male" if head in MALE_HONORIFICS or head == "man" else (
        "female" if head in FEMALE_HONORIFICS or head == "woman" else None)
    org = head in ORG_NOUNS and head not in {"press"}
    return Mention(start, end, text[start:end], "description", None, (), head, gender, org, plural)


def _name_mention(tokens: list[Token], k: int, j: int, text: str, det: bool) -> Mention | None:
    """Split a capitalised run into titles (roles) and the name itself."""
    words = tokens[k:j + 1]
    if det:
        words = words[1:]
    if not words:
        return None
    start = tokens[k].start
    end = tokens[j].end
    extra: tuple[str, ...] = ()
    # "Marco Rubio of Florida", "Sam Ortiz of Stanford's Center": the person
    # before "of" is the name, the place or employer after it a role
    for p in range(1, len(words) - 1):
        if words[p].text == "of":
            if _person_words(words[:p]):
                extra = (text[words[p].start:end],)
                words = words[:p]
            break
    lowers = [w.lower for w in words]
    nw = len(words)
    # the name starts after the last title word (and its "of X" complement)
    cut = 0
    gender = None
    n = 0
    while n < nw:
        low = lowers[n]
        # (not after a given name or an initial: tested only for a title, the rare case;
        # is_title's own first tests inline, for the many words with no hyphen)
        if (low in TITLES or ("-" in low and is_title(low))) and n < nw - 1 and not (
                n > 0 and (lowers[n - 1] in FIRST_NAMES or _is_initial(words[n - 1]))):
            if low in MALE_HONORIFICS:
                gender = "male"
            elif low in FEMALE_HONORIFICS:
                gender = "female"
            cut = n + 1
            if low in _ROLE_OF and n + 2 < len(words) and lowers[n + 1] == "of":
                # "Secretary of State Antony Blinken": the role takes one word after "of",
                # more while more than a first and last name would be left
                cut = n + 3
                while cut < nw - 2 and (lowers[cut] in {"and", "the", "of"} or
                                        lowers[cut] not in FIRST_NAME_GENDER):
                    cut += 1
                n = cut
                continue
        n += 1
    # "CNBC's Becky Quick", "Rubio's spokesman Alex Conant": the name follows the possessive
    for m in range(len(words) - 1):
        if words[m].possessive and m + 1 > cut:
            cut = m + 1
    name_words = words[cut:]
    if not name_words:
        return None
    if name_words[0].text.islower() and name_words[0].lower in _NAME_LINKS \
            and name_words[0].lower not in _PARTICLES:
        # "a spokesman for Apple", "for Trump": a preposition never opens a name
        return _prepositional(tokens, words, cut, name_words, text, start, end)
    # a role noun in lower case inside the run marks the start of the name after it
    for m in range(len(name_words) - 1, -1, -1):
        if name_words[m].text.islower() and name_words[m].lower not in _LINKS_OR_PARTICLES:
            name_words = name_words[m + 1:]
            break
    if not name_words:
        return None
    low_name = [w.lower for w in name_words]
    if len(name_words) == 1 and cut == 0 and det and low_name[0] in DEMONYMS:
        # "the Slovenian", "said the American": a description, not a name (but
        # "Cuban said" is a man named Cuban, "Mexicans say" a people)
        return _description(tokens, k, j, text)
    # "Slovenian Tina Maze": a nationality before a person's name is a role
    lead = 0
    while lead < len(name_words) - 1 and low_name[lead] in DEMONYMS:
        lead += 1
    if lead and _person_words(name_words[lead:]):
        cut += lead
        name_words = name_words[lead:]
    # strip a trailing possessive: "Trump's" as a name is "Trump"
    name = " ".join([w.text for w in name_words])
    if name_words[-1].possessive:
        name = name[:-2]
    if cut:
        roles = tuple([r for r in " ".join([w.text for w in words[:cut]]).split(" , ") if r]) + extra
    else:
        roles = extra
    first = name_words[0].lower
    if gender is None:
        gender = FIRST_NAME_GENDER.get(first) if len(name_words) > 1 else None
    org = (det and not extra) or not ORG_NOUNS.isdisjoint([w.lower for w in name_words])
    if name_words[-1].possessive:
        return None  # "Trump's" is not a speaker by itself: "Trump's campaign said"
    return Mention(start, end, text[start:end], "name", name, roles, name_words[-1].lower,
                   gender, org, False)


def _prepositional(tokens, words, cut, name_words, text, start, end) -> Mention | None:
    """A run whose name part opens with a preposition: "a spokesperson for the
    Met Police" (the organisation speaks), "a spokesman for Mr. Trump" (an
    unnamed person), "for Trump" (nobody)."""
    if cut == 0:
        return None
    head = words[cut - 1].lower
    principal = [w for w in name_words[1:] if w.lower != "the"]
    if name_words[0].lower == "for" and head in _MOUTHPIECES and principal:
        ps, pe = principal[0].start, principal[-1].end
        org = Mention(ps, pe, text[ps:pe], "name", text[ps:pe], (), principal[-1].lower, None,
                      len(principal) < len(name_words) - 1)
        if _org_like(org, principal):
            return Mention(ps, end, text[ps:end], "name", org.name,
                           (text[start:words[cut - 1].end],), org.head, None, True, False, start)
    if head in PERSON_NOUNS and head not in ORG_NOUNS:
        return Mention(start, end, text[start:end], "description", None,
                       (text[name_words[0].start:end],), head, None, False, False)
    return None
