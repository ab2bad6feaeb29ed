"""Which speaker does the user mean? Names matched fuzzily, for search and compare.

"blinkin" finds Antony Blinken (through his alias "Blinken"), "psaki" Jen
Psaki, "#12" the speaker with id 12.
"""

from __future__ import annotations

from rapidfuzz import fuzz, utils

from quotetrack.search.cancelling import connection

SPEAKER_MATCH = 75.0  # least rapidfuzz score for a name to mean a speaker


class SpeakerNotFound(LookupError):
    """No speaker in the library has a name close to the one asked for (one-line message)."""


def resolve_speaker(db, name: str) -> tuple[int, str]:
    """The (id, name) of the speaker a user means by ``name``, matched fuzzily.

    "#12" is the speaker with id 12. A name or alias equal to ``name``
    (ignoring case) wins; else the closest name or alias by rapidfuzz
    ("blinkin" finds Antony Blinken through "Blinken"; "psaki" Jen Psaki),
    the speaker with more quotes on a tie. SpeakerNotFound when nothing
    scores SPEAKER_MATCH or more.
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
    names: list[tuple[str, int, str, int]] = []  # (form, speaker id, speaker name, quotes)
    for sid, sname, quotes in conn.execute("SELECT id, name, quotes FROM speakers"):
        names.append((sname, sid, sname, quotes or 0))
    info = {n[1]: n for n in names}
    for sid, alias in conn.execute("SELECT speaker_id, alias FROM aliases"):
        if sid in info:
            names.append((alias, sid, info[sid][2], info[sid][3]))
    if not names:
        raise SpeakerNotFound("the library has no speakers")
    key = utils.default_process(text)
    scored = []
    for form, sid, sname, quotes in names:
        f = utils.default_process(form)
        if f == key:
            score = 101.0  # the very name, whatever its case
        else:
            score = fuzz.WRatio(key, f)
            if " " not in key:
                # one word: as good as its best match among the name's words
                score = max(score, max((fuzz.ratio(key, w) for w in f.split()), default=0))
        scored.append((score, quotes, -sid, sname))
    best = max(scored)
    if best[0] < SPEAKER_MATCH:
        close = sorted(scored, reverse=True)[0][3]
        raise SpeakerNotFound("no speaker named like %r (the closest is %s)" % (name, close))
    return -best[2], best[3]
