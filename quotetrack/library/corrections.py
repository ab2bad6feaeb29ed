"""The user's corrections: merge speakers, rename one, say a name is no speaker, reassign a
quote, and undo any of them.

Corrections are rows, not edits of the engine's output, so they hold on
every later ingest. Each is one entry of ``correction_log``, in the order
made; the rows an ingest applies are what replaying the log gives:

- a merge, rename or "not a speaker" stores, for each normalised name the
  speaker was known by, the name to use instead, or None for no speaker
  (``name_corrections``); an ingest applies it to the engine's names before
  grouping them into speakers, and hides the quotes of a name that is no
  speaker from every list;
- a reassignment stores the speaker of one quote, keyed by its article's
  content hash and the quote's offsets (``quote_corrections``), so it holds
  while the article's text is unchanged.

Each takes effect at once, in one transaction. ``undo`` takes one entry out
of the log, replays the rest and recomputes the quotes it touched: undoing
the latest correction gives back exactly the library as it was before it,
speaker ids included (a merged speaker comes back under its old id). A
merge keeps the target's id. Speakers are given by id (an int or "#12"):
the front ends turn a typed name into one with
``quotetrack.search.resolve_speaker``, so a name means the same speaker here
as in every listing and search.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

import sqlite_utils

from quotetrack.library import speaker_ids as stable_ids
from quotetrack.library import store
from quotetrack.library import speakers as names
from quotetrack.library.extraction import statements_of
from quotetrack.library.queries import NotFound, Rows, speaker_by_id

LOG_COLUMNS = ("id", "correction", "from", "to", "quote", "article", "text", "made")
KINDS = {"merge": "merge", "rename": "rename", "hide": "not a speaker", "reassign": "reassign"}


class CorrectionError(ValueError):
    """A correction that cannot be made as asked (one-line message)."""


def merge(db: sqlite_utils.Database, sources: list[int | str], target: int | str) -> tuple[str, list[str]]:
    """Merge the speakers ``sources`` into the speaker ``target`` (ids); (target, merged) names.

    Every name the merged speakers were known by now means the target, on
    this and every later ingest. The target keeps its id.
    """
    tid, tname = speaker_by_id(db, target)
    found: list[tuple[int, str]] = []
    for source in sources:
        sid, sname = speaker_by_id(db, source)
        if sid == tid:
            raise CorrectionError("the speaker to merge is already %s" % tname)
        if sid not in [f[0] for f in found]:
            found.append((sid, sname))
    with store.transaction(db):
        keys = set()
        for sid, sname in found:
            keys |= _keys(db, sid, sname, every_key=True)
            # the merged quotes are the target's from now on, so the regrouping that follows
            # finds the target's id on all of them and keeps it (never the larger speaker's)
            db.execute("UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", [tid, sid])
        data = {"keys": sorted(keys), "to": tname, "from": [s for _, s in found]}
        _commit(db, "merge", data, [sid for sid, _ in found] + [tid])
    return tname, [sname for _, sname in found]


def rename(db: sqlite_utils.Database, old: int | str, new: str) -> tuple[str, str]:
    """Give the speaker ``old`` (an id) the name ``new``; (old name, new name).

    Its full names (and its own name) mean ``new`` on every later ingest;
    a lone surname that joined it keeps joining by the usual rule.
    """
    new = " ".join(new.split())
    if not new:
        raise CorrectionError("the new name is empty")
    sid, oname = speaker_by_id(db, old)
    if new == oname:
        raise CorrectionError("the speaker is named %s already" % oname)
    other = db.execute("SELECT id FROM speakers WHERE name = ? COLLATE NOCASE AND id != ?",
                       [new, sid]).fetchone()
    if other:
        raise CorrectionError("a speaker named %r exists already; use: quotetrack speakers merge %r %r"
                              % (new, oname, new))
    with store.transaction(db):
        every = names.family_of(new) != names.family_of(oname)
        data = {"keys": sorted(_keys(db, sid, oname, every_key=every)), "to": new, "from": [oname]}
        _commit(db, "rename", data, [sid])
    return oname, new


def hide(db: sqlite_utils.Database, speaker: int | str) -> tuple[str, int]:
    """Say the speaker ``speaker`` (an id) is no speaker; (its name, quotes hidden).

    Every name it was known by stops being a speaker: its quotes lose their
    speaker and are left out of the lists (quotes, search, reports, the
    browser), now and on every later ingest, until the correction is undone.
    """
    sid, name = speaker_by_id(db, speaker)
    count = db.execute("SELECT quotes FROM speakers WHERE id = ?", [sid]).fetchone()[0]
    with store.transaction(db):
        data = {"keys": sorted(_keys(db, sid, name, every_key=True)), "from": [name]}
        _commit(db, "hide", data, [sid])
    return name, count


def reassign(db: sqlite_utils.Database, quote_id: int, speaker: int | str | None,
             new: bool = False) -> str | None:
    """Attribute one quote to ``speaker`` (None: to nobody); the speaker's name as stored.

    ``speaker`` is a known speaker's id, or with ``new`` the name of a
    speaker not in the library yet.
    """
    row = db.execute("SELECT q.start, q.end, a.content_hash, q.speaker_id, s.name FROM quotes q "
                     "JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s "
                     "ON s.id = q.speaker_id WHERE q.id = ?", [quote_id]).fetchone()
    if row is None:
        raise NotFound("no quote with id %d" % quote_id)
    start, end, chash, old_sid, old_name = row
    name = kind = to_sid = None
    if isinstance(speaker, str) and new and not speaker.strip().startswith("#"):
        name, kind = " ".join(str(speaker).split()), "person"
        if not name:
            raise CorrectionError("the speaker name is empty")
    elif speaker is not None:
        to_sid, name = speaker_by_id(db, speaker)
        kind = db.execute("SELECT kind FROM speakers WHERE id = ?", [to_sid]).fetchone()[0]
    with store.transaction(db):
        # the quote leaves its speaker now, so the regrouping never sees the old speaker's id on
        # a quote of another name (it would hand that id to the other name)
        db.execute("UPDATE quotes SET speaker_id = ? WHERE id = ?", [to_sid, quote_id])
        data = {"hash": chash, "start": start, "end": end, "speaker": name, "kind": kind,
                "was": old_name, "quote": quote_id}
        _commit(db, "reassign", data, [old_sid] if old_sid is not None else [], [quote_id])
    return name


def undo(db: sqlite_utils.Database, entry: int) -> dict:
    """Take the correction ``entry`` (its id in ``list_corrections``) back; its listing row.

    The log is replayed without it and the quotes it touched are read again,
    so the library is as if it had never been made (the later corrections
    kept as they were made). Undoing the latest correction restores exactly
    the speakers and quotes as they were before it, with their ids.
    """
    found = db.execute("SELECT id, how, made, data FROM correction_log WHERE id = ?",
                       [entry]).fetchone()
    if found is None:
        raise NotFound("no correction with id %d (quotetrack corrections lists them)" % entry)
    listed = _listing_row(db, *found)
    data = json.loads(found[3])
    with store.transaction(db):
        before = stable_ids.names(db)
        old_names, old_quotes = store.name_corrections(db), _quote_rows(db)
        db.execute("DELETE FROM correction_log WHERE id = ?", [entry])
        _replay(db)
        new_names, new_quotes = store.name_corrections(db), _quote_rows(db)
        quote_ids, speaker_ids = _touched(db, old_names, new_names, old_quotes ^ new_quotes)
        _reapply(db, speaker_ids, quote_ids)
        # speakers the correction removed or renamed come back under their ids
        restore = {name: int(sid) for sid, name in data.get("ids", {}).items()}
        stable_ids.keep(db, before, restore)
    return listed


def list_corrections(db: sqlite_utils.Database) -> Rows:
    """Every stored correction in the order made, as rows: its id (for ``undo``), what it is,
    from what to what, and (for a reassignment) the quote it holds for while the article's
    text is unchanged."""
    entries = db.execute("SELECT id, how, made, data FROM correction_log ORDER BY id").fetchall()
    return Rows(LOG_COLUMNS, (_listing_row(db, *e) for e in entries))


def _listing_row(db: sqlite_utils.Database, entry: int, how: str, made: str | None,
                 data_json: str) -> dict:
    """One correction as ``list_corrections`` lists it."""
    data = json.loads(data_json)
    row = {"id": entry, "correction": KINDS.get(how, how), "from": None, "to": None,
           "quote": None, "article": None, "text": None, "made": made}
    if how == "reassign":
        found = db.execute(
            "SELECT q.id, a.id, q.text FROM articles a JOIN quotes q ON q.article_id = a.id "
            "WHERE a.content_hash = ? AND q.start = ? AND q.end = ? ORDER BY a.rowid LIMIT 1",
            [data["hash"], data["start"], data["end"]]).fetchone()
        row.update({"from": data.get("was"), "to": data["speaker"]})
        if found:
            row.update(dict(zip(("quote", "article", "text"), found)))
    else:
        # a correction logged when the library was brought to version 4 names its key only
        row.update({"from": ", ".join(data.get("from") or data["keys"]), "to": data.get("to")})
    return row


def _commit(db: sqlite_utils.Database, how: str, data: dict, speaker_ids: list[int],
            quote_ids: list[int] = ()) -> int:
    """Make a new correction (inside a transaction): its rows, the quotes it touches read
    again and regrouped, then its log entry with the ids whose speakers it removed or renamed
    (an undo gives each name its id back); the entry's id."""
    before = stable_ids.names(db)
    _apply(db, how, data)
    _reapply(db, speaker_ids, quote_ids)
    stable_ids.keep(db, before, {})
    after = stable_ids.names(db)
    data = dict(data, ids={str(sid): name for sid, name in before.items() if after.get(sid) != name})
    made = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return db.execute("INSERT INTO correction_log (how, made, data) VALUES (?, ?, ?)",
                      [how, made, json.dumps(data, ensure_ascii=False)]).lastrowid


def _apply(db: sqlite_utils.Database, how: str, data: dict) -> None:
    """Write one logged correction into ``name_corrections`` or ``quote_corrections``."""
    if how == "reassign":
        db.execute("INSERT INTO quote_corrections (content_hash, start, end, speaker, kind) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET speaker = excluded.speaker, "
                   "kind = excluded.kind",
                   [data["hash"], data["start"], data["end"], data["speaker"], data["kind"]])
        return
    to = data.get("to")  # None: "not a speaker"
    for key in data["keys"]:
        db.execute("INSERT INTO name_corrections (key, name, how) VALUES (?, ?, ?) "
                   "ON CONFLICT DO UPDATE SET name = excluded.name, how = excluded.how", [key, to, how])
    if to is None:
        return
    for old in data.get("from", ()):
        # earlier corrections that led to this speaker lead to its new name
        db.execute("UPDATE name_corrections SET name = ? WHERE name = ?", [to, old])
        if how == "rename":
            db.execute("UPDATE quote_corrections SET speaker = ? WHERE speaker = ?", [to, old])


def _replay(db: sqlite_utils.Database) -> None:
    """Rebuild ``name_corrections`` and ``quote_corrections`` from the log, in order."""
    db.execute("DELETE FROM name_corrections")
    db.execute("DELETE FROM quote_corrections")
    for how, data in db.execute("SELECT how, data FROM correction_log ORDER BY id").fetchall():
        _apply(db, how, json.loads(data))


def _quote_rows(db: sqlite_utils.Database) -> set[tuple]:
    """Every ``quote_corrections`` row, to see which an undo changes."""
    return set(db.execute("SELECT content_hash, start, end, speaker, kind FROM quote_corrections"))


def _touched(db: sqlite_utils.Database, old: dict, new: dict,
             changed_quotes: set[tuple]) -> tuple[list[int], list[int]]:
    """The quotes whose names the change from ``old`` to ``new`` name corrections (and the
    changed quote corrections) may move, and the speakers they have now."""
    missing = object()
    keys = {k for k in set(old) | set(new) if old.get(k, missing) != new.get(k, missing)}
    families = set()
    for key in keys:
        families.add(names.family_of(key))
        for renames in (old, new):
            target = renames.get(key)
            if target:
                # where the chain of corrections from that name ends (a rename of a merge target)
                families.add(names.family_of(target))
                end = store.effective_name(target, "person", renames)["speaker_name"]
                families |= {names.family_of(end)} if end else set()
    quote_ids: set[int] = set()
    if keys:
        # hidden quotes have no family: a name no longer hidden is found among them
        marks = ", ".join("?" * len(families))
        quote_ids |= {r[0] for r in db.execute(
            "SELECT id FROM quotes WHERE speaker_family IN (%s)" % marks, sorted(families))}
        quote_ids |= {r[0] for r in db.execute("SELECT id FROM quotes WHERE hidden = 1")}
    for chash, start, end, _speaker, _kind in changed_quotes:
        quote_ids |= {r[0] for r in db.execute(
            "SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id "
            "WHERE a.content_hash = ? AND q.start = ? AND q.end = ?", [chash, start, end])}
    speaker_ids: set[int] = set()
    ids = sorted(quote_ids)
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        speaker_ids |= {r[0] for r in db.execute(
            "SELECT DISTINCT speaker_id FROM quotes WHERE speaker_id IS NOT NULL AND id IN (%s)"
            % ", ".join("?" * len(part)), part)}
    return ids, sorted(speaker_ids)


def _keys(db: sqlite_utils.Database, sid: int, current: str, every_key: bool) -> set[str]:
    """The name keys that mean speaker ``sid``: those a correction of it redirects.

    Without ``every_key`` only its full names and its own name, so a lone
    surname still goes wherever the grouping rules send it.
    """
    own = names.parse_name(current).key
    keys = set()
    for engine, name, kind, corrected in db.execute(
            "SELECT DISTINCT engine_speaker, speaker_name, speaker_kind, corrected FROM quotes "
            "WHERE speaker_id = ?", [sid]):
        person = kind != "organisation"
        for n in ([name] if corrected or not engine else [name, engine]):
            parsed = names.parse_name(" ".join(n.split()), person)
            if every_key or parsed.is_full or parsed.key == own:
                keys.add(parsed.key)
    keys.add(own)
    return keys


def _reapply(db: sqlite_utils.Database, speaker_ids: list[int], quote_ids: list[int] = ()) -> None:
    """Recompute the corrected names of these speakers' quotes (and these quotes), then regroup."""
    renames = store.name_corrections(db)
    marks_s = ", ".join("?" * len(speaker_ids)) or "NULL"
    marks_q = ", ".join("?" * len(quote_ids)) or "NULL"
    rows = db.execute(
        "SELECT q.id, q.engine_speaker, q.speaker_kind, q.speaker_family, q.mention, q.roles, "
        "qc.speaker, qc.kind, qc.content_hash IS NOT NULL, a.text, q.corrected, q.start, q.end "
        "FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN quote_corrections qc "
        "ON qc.content_hash = a.content_hash AND qc.start = q.start AND qc.end = q.end "
        "WHERE q.speaker_id IN (%s) OR q.id IN (%s)" % (marks_s, marks_q),
        [*speaker_ids, *quote_ids]).fetchall()
    families = set()
    for (qid, engine, kind, family, mention, roles, over_name, over_kind, corrected, text,
         was_corrected, start, end) in rows:
        if corrected:
            # the engine's kind and roles described whom it thought spoke
            name, kind, roles = over_name, over_kind if over_name else None, "[]"
        else:
            if was_corrected:
                # an undone reassignment: the row holds the correction's kind and roles, the
                # engine (a pure function of the text) gives its own again
                kind, roles = _engine_view(text, start, end)
            # as an ingest reads it: a lone surname in its article, unless a correction names it
            name = store.name_in_article(engine, kind, mention, json.loads(roles or "[]"), text,
                                         renames)
        quote = {"engine_speaker": engine, "mention": mention, "speaker_kind": kind,
                 "corrected": int(bool(corrected)), **store.effective_name(name, kind, renames)}
        db.execute("UPDATE quotes SET speaker_name = ?, speaker_family = ?, speaker_kind = ?, "
                   "corrected = ?, roles = ?, alias_forms = ?, hidden = ?, "
                   "speaker_id = CASE WHEN ? IS NULL THEN NULL ELSE speaker_id END WHERE id = ?",
                   [quote["speaker_name"], quote["speaker_family"], kind, quote["corrected"], roles,
                    store.alias_forms(quote), quote["hidden"], quote["speaker_name"], qid])
        families |= {f for f in (family, quote["speaker_family"]) if f is not None}
    store.regroup(db, families, speaker_ids)


def _engine_view(text: str, start: int, end: int) -> tuple[str | None, str]:
    """The engine's speaker kind and roles (JSON) for the quote at ``start``-``end``, as an
    ingest stores them."""
    for q in _extract(text):
        if (q.start, q.end) == (start, end):
            roles = list(dict.fromkeys(q.roles)) if q.speaker else []
            return (q.speaker_kind if q.speaker else None), json.dumps(roles, ensure_ascii=False)
    return None, "[]"


_EXTRACTED: dict[str, tuple] = {}


def _extract(text: str) -> tuple:
    """The engine's statements of an article text as an ingest stores them, quotes and
    reported ones (the last few kept: an undo reads each article once for all its quotes)."""
    if text not in _EXTRACTED:
        if len(_EXTRACTED) > 8:
            _EXTRACTED.clear()
        _EXTRACTED[text] = statements_of(text)
    return _EXTRACTED[text]
