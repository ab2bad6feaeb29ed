"""Read the noun phrase that names a speaker next to a cue verb.

A mention is a pronoun ("she"), a name with any titles before it ("White
House Spokesperson Jen Psaki"), or a description ("the top American
diplomat", "a campaign spokesman"). Names are split from their titles so
that "Secretary of State Antony Blinken" gives the name "Antony Blinken"
and the role "Secretary of State".
"""

from __future__ import annotations

from dataclasses import dataclass

from quotetrack.engine.lexicon import (CUE_FORMS, FEMALE_HONORIFICS, FIRST_NAME_GENDER,
                                       MALE_HONORIFICS, NOT_NAMES, ORG_NOUNS, PERSON_NOUNS,
                                       TIME_WORDS, TITLES)
from quotetrack.engine.tokens import Token

_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this",
                "that", "one", "another", "two", "three", "several", "some", "many", "other",
                "these", "those", "both", "most", "no"}
_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who"}
_NAME_LINKS = {"of", "de", "da", "del", "della", "van", "von", "der", "den", "la", "le", "bin",
               "al", "&", "for", "on", "the"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_TIME_PREPS = {"on", "in", "at", "during", "for", "this", "last", "late", "early"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "aug", "sept", "oct",
           "nov", "dec"}
# Lower-case nouns that may stand inside a name's premodifiers.
_ORG_PREMODIFIERS = ORG_NOUNS | {"police", "state", "county", "city", "campaign", "party",
                                 "fire", "transition", "election", "defense", "school"}
# Role words that can join a following "of" phrase: Secretary of State.
_ROLE_OF = {"secretary", "minister", "director", "chairman", "chairwoman", "chair", "head",
            "president", "speaker", "leader", "member", "chief", "mayor", "governor",
            "attorney", "commissioner", "ambassador", "editor", "professor", "dean"}


@dataclass(frozen=True)
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


def _is_name_word(tok: Token) -> bool:
    if tok.kind != "W" or not tok.text[:1].isupper():
        return False
    if len(tok.text) > 5 and tok.text.isupper():
        return False  # a dateline (WASHINGTON —) or a shouted word, not a name
    if tok.lower in CUE_FORMS and tok.lower.endswith(("ing", "ed")):
        return False  # a sentence-initial verb: "Acknowledging that ...", "Asked about ..."
    return tok.lower not in NOT_NAMES


def _is_initial(tok: Token) -> bool:
    return tok.kind == "W" and len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."


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
            head = _np_backward(tokens, k - 1, lo, text)
            if head is not None:
                if inner is not None and inner.kind == "description" and head.kind == "name":
                    return _with_roles(head, inner, text)
                if inner is not None and inner.kind == "name" and head.kind == "description":
                    # "Trump's state director, Mike Rubino, said"
                    return _with_roles(inner, head, text)
                return head
        return None
    return _np_backward(tokens, j, lo, text)


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
    if head is None or head.kind != "name":
        return None
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
        return None
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
    if j == k or j >= hi or not _is_name_word(tokens[j]):
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
    return Mention(name.start, name.end, name.text, name.kind, name.name, roles, name.head,
                   gender, name.org and desc.org, name.plural, min(name.start, desc.start))


def _np_backward(tokens: list[Token], j: int, lo: int, text: str) -> Mention | None:
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
    if _is_name_word(tok) or (tok.lower in _SUFFIXES and j > lo and _is_name_word(tokens[j - 1])):
        k = j
        while k - 1 >= lo:
            prev = tokens[k - 1]
            if _is_name_word(prev) or _is_initial(prev):
                k -= 1
            elif prev.kind == "W" and prev.lower in _NAME_LINKS and k - 2 >= lo and _is_name_word(tokens[k - 2]):
                k -= 1
            elif prev.kind == "W" and prev.lower in TITLES and prev.text.islower():
                k -= 1  # "press secretary Josh Earnest"
            elif (prev.kind == "W" and prev.text.islower() and prev.lower in _ORG_PREMODIFIERS
                  and k - 2 >= lo and _is_name_word(tokens[k - 2])):
                k -= 1  # "Tulsa police Chief Chuck Jordan", "Clinton campaign chairman"
            elif prev.text in {"-", "–"} and k - 2 >= lo and _is_name_word(tokens[k - 2]):
                k -= 1
            else:
                break
        while k < j and tokens[k].lower in _NAME_LINKS:
            k += 1
        # a determiner before a capitalised run makes it an organisation: "the Pentagon"
        det = k - 1 >= lo and tokens[k - 1].lower == "the"
        if det:
            k -= 1
        # "Mr. Morgan of the Sierra Club": the person, with the organisation as a role
        if k - 2 >= lo and tokens[k - 1].lower == "of" and _is_name_word(tokens[k - 2]):
            person = _np_backward(tokens, k - 2, lo, text)
            if person is not None and person.kind == "name" and not person.org:
                org = text[tokens[k - 1].start:tokens[j].end]
                return Mention(person.start, tokens[j].end, text[person.start:tokens[j].end], "name",
                               person.name, person.roles + (org,), person.head, person.gender)
        return _name_mention(tokens, k, j, text, det)
    if low.isalpha() and low not in NOT_NAMES and low not in CUE_FORMS and not low.endswith("ly"):
        k = j
        has_det = False
        while k - 1 >= lo:
            prev = tokens[k - 1]
            if prev.kind != "W" or prev.lower in CUE_FORMS or prev.lower in _PRONOUNS:
                break
            if prev.lower in _DETERMINERS or prev.possessive:
                k -= 1
                has_det = True
                break
            if prev.lower in NOT_NAMES and not prev.text[:1].isupper():
                break
            k -= 1
            if j - k > 6:
                return None
        known = low in PERSON_NOUNS or (low.endswith("s") and low[:-1] in PERSON_NOUNS)
        if known or has_det:
            return _description(tokens, k, j, text)
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
    k = i
    while k < hi and tokens[k].kind == "W":
        low = tokens[k].lower
        if low in _TIME_PREPS and k + 1 < hi and tokens[k + 1].lower in TIME_WORDS | _MONTHS:
            break  # "said Jen Psaki on Friday"
        if tokens[k].text[:1].isupper() or tokens[k].lower in _NAME_LINKS or _is_initial(tokens[k]):
            k += 1
        elif low in _DETERMINERS or low in TITLES or tokens[k].possessive:
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
    while k > i and tokens[k - 1].lower in _NAME_LINKS | _DETERMINERS:
        k -= 1
    if k <= i:
        return None
    last = tokens[k - 1]
    if _is_name_word(last) or last.lower in _SUFFIXES:
        det = tokens[i].lower == "the"
        return _name_mention(tokens, i, k - 1, text, det)
    if last.lower in PERSON_NOUNS or (last.lower.endswith("s") and last.lower[:-1] in PERSON_NOUNS):
        return _description(tokens, i, k - 1, text)
    return None


def _pronoun(tok: Token) -> Mention:
    low = tok.lower
    gender = {"he": "male", "she": "female"}.get(low)
    return Mention(tok.start, tok.end, tok.text, "pronoun", None, (), low, gender,
                   org=low == "it", plural=low in {"they", "we"})


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
    lowers = [w.lower for w in words]
    # the name starts after the last title word (and its "of X" complement)
    cut = 0
    gender = None
    n = 0
    while n < len(words):
        low = lowers[n]
        if low in TITLES and n < len(words) - 1:
            if low in MALE_HONORIFICS:
                gender = "male"
            elif low in FEMALE_HONORIFICS:
                gender = "female"
            cut = n + 1
            if low in _ROLE_OF and n + 2 < len(words) and lowers[n + 1] == "of":
                # "Secretary of State Antony Blinken": the role takes one word after "of",
                # more while more than a first and last name would be left
                cut = n + 3
                while cut < len(words) - 2 and (lowers[cut] in {"and", "the", "of"} or
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
    # a role noun in lower case inside the run marks the start of the name after it
    for m in range(len(name_words) - 1, -1, -1):
        if name_words[m].text.islower() and name_words[m].lower not in _NAME_LINKS:
            name_words = name_words[m + 1:]
            break
    if not name_words:
        return None
    # strip a trailing possessive: "Trump's" as a name is "Trump"
    name = " ".join(w.text for w in name_words)
    if name_words[-1].possessive:
        name = name[:-2]
    roles = tuple(" ".join(w.text for w in words[:cut]).split(" , ")) if cut else ()
    roles = tuple(r for r in roles if r)
    first = name_words[0].lower
    if gender is None:
        gender = FIRST_NAME_GENDER.get(first) if len(name_words) > 1 else None
    org = det or any(w.lower in ORG_NOUNS for w in name_words)
    start = tokens[k].start
    end = tokens[j].end
    if name_words[-1].possessive:
        return None  # "Trump's" is not a speaker by itself: "Trump's campaign said"
    return Mention(start, end, text[start:end], "name", name, roles, name_words[-1].lower,
                   gender, org, False)
