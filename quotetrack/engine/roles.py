"""Tidy the titles and roles an article gives a person.

"Sen." reads as "Senator", honorifics (Mr., Ms., Dr.) are not roles, a
possessive fragment ("NBC’s") is not a role, and a role already said in full
("Secretary of State") absorbs its shorter form ("Secretary").
"""

from __future__ import annotations

_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "mister"}
_EXPAND = {"sen": "Senator", "rep": "Representative", "gov": "Governor", "gen": "General",
           "lt": "Lieutenant", "col": "Colonel", "maj": "Major", "capt": "Captain",
           "sgt": "Sergeant", "adm": "Admiral", "cmdr": "Commander", "rev": "Reverend",
           "prof": "Professor", "del": "Delegate", "atty": "Attorney", "supt": "Superintendent"}


def clean_role(role: str) -> str | None:
    """One role in readable form, or None when it is no role at all."""
    words = [w.strip(",;:") for w in role.split()]
    out = []
    for w in words:
        key = w.lower().rstrip(".")
        if key in _HONORIFICS:
            continue
        out.append(_EXPAND.get(key, w))
    if not out or out[-1].replace("’", "'").endswith("'s"):
        return None
    text = " ".join(out).strip()
    return text if any(c.isalpha() for c in text) else None


def merge_roles(roles) -> tuple[str, ...]:
    """Cleaned roles in first-seen order, each shorter form absorbed by a fuller one."""
    cleaned: list[str] = []
    for r in roles:
        c = clean_role(r)
        if c and c.lower() not in (x.lower() for x in cleaned):
            cleaned.append(c)
    keep = []
    for r in cleaned:
        words = set(r.lower().split())
        if any(r is not o and words < set(o.lower().split()) for o in cleaned):
            continue
        keep.append(r)
    return tuple(keep)
