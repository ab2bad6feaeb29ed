"""Speaker ids that stay with their names through corrections and their undo.

The store's regrouping gives each group the id most of its quotes had (so
ids are stable as a library grows), but a correction moves quotes between
names: left alone, a person could end up under another person's id, or a
speaker brought back by an undo under a new one. ``keep`` puts each name
back on its id after the regrouping; ``move`` gives one speaker another id,
its quotes, aliases and roles following through the store's triggers.
"""

from __future__ import annotations

from collections import Counter

import sqlite_utils

from quotetrack.library import store


def names(db: sqlite_utils.Database) -> dict[int, str]:
    """Every speaker's id and name."""
    return dict(db.execute("SELECT id, name FROM speakers").fetchall())


def keep(db: sqlite_utils.Database, before: dict[int, str], restore: dict[str, int]) -> None:
    """Give speakers back the ids their names are to get again (``restore``) or had (``before``).

    A regrouping keeps the id most of a group's quotes had, so a correction
    or an undo can leave a person under another person's id; here each
    speaker whose name had an id (a name only one speaker had) moves back
    to it, so the same name means the same person. A speaker holding an id
    that was another name's makes way: it takes the next free id, as a new
    speaker would have. An id its own speaker still holds is never taken.
    """
    counts = Counter(before.values())
    by_name = {name: sid for sid, name in before.items() if counts[name] == 1}
    current = names(db)
    want = {}
    for sid, name in current.items():
        if before.get(sid) == name:
            continue
        goal = restore.get(name, by_name.get(name))
        if goal is not None and goal != sid:
            want[sid] = goal
    evicted = []

    def aside(sid: int) -> int:
        """Move speaker ``sid`` to a spare id out of everyone's way; that id."""
        spare = max(set(current) | set(before)) + 1
        move(db, sid, spare)
        current[spare] = current.pop(sid)
        return spare

    while want:
        progressed = False
        for sid, goal in sorted(want.items()):
            if sid not in want:
                continue
            if goal in current and goal not in want:
                if current[goal] == before.get(goal):
                    del want[sid]  # its holder had it before: it stays, this one keeps its id
                    continue
                # the holder took another name's id and has none to go back to: out of the way
                evicted.append(aside(goal))
            if goal not in current:
                move(db, sid, goal)
                current[goal] = current.pop(sid)
                del want[sid]
                progressed = True
        if want and not progressed:
            # two speakers each on the other's id: one steps aside first
            sid = min(want)
            want[aside(sid)] = want.pop(sid)
    for sid in evicted:
        if sid in current:
            # where a new speaker would have been put
            fresh = max(i for i in current if i != sid) + 1
            if fresh < sid:
                move(db, sid, fresh)
                current[fresh] = current.pop(sid)


def move(db: sqlite_utils.Database, old: int, new: int) -> None:
    """Give speaker ``old`` the free id ``new`` (its quotes follow; triggers move the counts)."""
    name, kind = db.execute("SELECT name, kind FROM speakers WHERE id = ?", [old]).fetchone()
    db.execute("INSERT INTO speakers (id, name, kind) VALUES (?, ?, ?)", [new, name, kind])
    db.execute("UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", [new, old])
    store.refresh_speaker(db, old)  # no quotes left: deleted
    store.refresh_speaker(db, new)
