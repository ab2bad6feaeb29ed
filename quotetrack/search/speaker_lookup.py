"""Which speaker does the user mean? The one lookup every command and the browser use.

"#12" is the speaker with id 12. A name that is a speaker's name (case,
accents and punctuation aside) means that speaker; one that is an alias
means the speaker most often called that: "Trump" is Donald Trump, whose
quotes say "Trump" far more than anyone else's. Otherwise, where a command allows it, the closest
name or alias by rapidfuzz: "blinkin" finds Antony Blinken (through his
alias "Blinken"), "psaki" Jen Psaki. Commands that change the library
(merge, rename, reassign) ask for the exact answer only, so a typo never
moves quotes; whatever they find, the searching commands find too.
"""

from __future__ import annotations

from rapidfuzz import fuzz, utils

from quotetrack.search.cancelling import connection

SPEAKER_MATCH = 75.0  # least rapidfuzz score for a name to mean a speaker


class SpeakerNotFound(LookupError):
    """No speaker in the library has a name close to the one asked for (one-line message)."""


def resolve_speaker(db, name: str, fuzzy: bool = True) -> tuple[int, str]:
    """The (id, name) of the speaker a user means by ``name`` (see the module docstring).

    A speaker's exact name wins, then an exact alias, going to the speaker
    with the most quotes under that form (then the most quotes, then the
    lowest id); with
    ``fuzzy`` a name matching none exactly goes to the closest name or alias
    by rapidfuzz, the speaker with more quotes on a tie. SpeakerNotFound
    when nothing matches (or, fuzzily, nothing scores SPEAKER_MATCH or more).
    """
    conn = connection(db)
    text = " ".join(name.split())
    if text.startswith("#") and text[1:].isdigit():
        row = conn.execute("SELECT id, name FROM speakers WHERE id = ?", [int(text[1:])]).fetchone()
        if row is None:
            raise SpeakerNotFound("no speaker with id %s" % text[1:])
        return row[0], row[1]
    if not text:
        raise SpeakerNotFound("no speaker name given")
    # (form, speaker id, speaker name, the speaker's quotes, (is its name, quotes under this form))
    forms: list[tuple[str, int, str, int, tuple[bool, int]]] = []
    speakers = {}
    for sid, sname, quotes in conn.execute("SELECT id, name, quotes FROM speakers"):
        speakers[sid] = (sname, quotes or 0)
        forms.append((sname, sid, sname, quotes or 0, (True, quotes or 0)))
    for sid, alias, used in conn.execute("SELECT speaker_id, alias, quotes FROM aliases"):
        if sid in speakers:
            forms.append((alias, sid, speakers[sid][0], speakers[sid][1], (False, used or 0)))
    if not forms:
        raise SpeakerNotFound("the library has no speakers")
    key = utils.default_process(text)
    exact = [(used, quotes, -sid, sname) for form, sid, sname, quotes, used in forms
             if utils.default_process(form) == key]
    if exact:
        best = max(exact)
        return -best[2], best[3]
    if not fuzzy:
        raise SpeakerNotFound("no speaker named %r" % name)
    scored = []
    for form, sid, sname, quotes, _used in forms:
        f = utils.default_process(form)
        score = fuzz.WRatio(key, f)
        if " " not in key:
            # one word: as good as its best match among the name's words
            score = max(score, max((fuzz.ratio(key, w) for w in f.split()), default=0))
        scored.append((score, quotes, -sid, sname))
    best = max(scored)
    if best[0] < SPEAKER_MATCH:
        raise SpeakerNotFound("no speaker named like %r (the closest is %s)" % (name, best[3]))
    return -best[2], best[3]
