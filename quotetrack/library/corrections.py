"""The user's corrections: merge speakers, rename one, reassign a quote.

Corrections are rows, not edits of the engine's output, so they hold on
every later ingest:

- a merge or rename stores, for each normalised name the speaker was known
  by, the name to use instead (``name_corrections``); an ingest applies it
  to the engine's names before grouping them into speakers;
- a reassignment stores the speaker of one quote, keyed by its article's
  content hash and the quote's offsets (``quote_corrections``), so it holds
  while the article's text is unchanged.

Each takes effect at once, in one transaction, and is applied again by
every ingest. Speakers are given by id (an int or "#12"): the front ends
turn a typed name into one with ``quotetrack.search.resolve_speaker``, so a
name means the same speaker here as in every listing and search.
"""

from __future__ import annotations

import json

import sqlite_utils

from quotetrack.library import speakers as names
from quotetrack.library import store
from quotetrack.library.queries import NotFound, speaker_by_id


class CorrectionError(ValueError):
    """A correction that cannot be made as asked (one-line message)."""


def merge(db: sqlite_utils.Database, sources: list[int | str], target: int | str) -> tuple[str, list[str]]:
    """Merge the speakers ``sources`` into the speaker ``target`` (ids); (target, merged) names.

    Every name the merged speakers were known by now means the target, on
    this and every later ingest.
    """
    tid, tname = speaker_by_id(db, target)
    found = []
    for source in sources:
        sid, sname = speaker_by_id(db, source)
        if sid == tid:
            raise CorrectionError("the speaker to merge is already %s" % tname)
        if sid not in [f[0] for f in found]:
            found.append((sid, sname))
    with store.transaction(db):
        for sid, sname in found:
            _redirect(db, sid, sname, tname, "merge", every_key=True)
        _reapply(db, [sid for sid, _ in found] + [tid])
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
    other = db.execute("SELECT id FROM speakers WHERE name = ? COLLATE NOCASE AND id != ?",
                       [new, sid]).fetchone()
    if other:
        raise CorrectionError("a speaker named %r exists already; use: quotetrack speakers merge %r %r"
                              % (new, oname, new))
    with store.transaction(db):
        every = names.family_of(new) != names.family_of(oname)
        _redirect(db, sid, oname, new, "rename", every_key=every)
        db.execute("UPDATE quote_corrections SET speaker = ? WHERE speaker = ?", [new, oname])
        _reapply(db, [sid])
    return oname, new


def reassign(db: sqlite_utils.Database, quote_id: int, speaker: int | str | None,
             new: bool = False) -> str | None:
    """Attribute one quote to ``speaker`` (None: to nobody); the speaker's name as stored.

    ``speaker`` is a known speaker's id, or with ``new`` the name of a
    speaker not in the library yet.
    """
    row = db.execute("SELECT q.start, q.end, a.content_hash, q.speaker_id FROM quotes q "
                     "JOIN articles a ON a.id = q.article_id WHERE q.id = ?", [quote_id]).fetchone()
    if row is None:
        raise NotFound("no quote with id %d" % quote_id)
    start, end, chash, old_sid = row
    name = kind = None
    if isinstance(speaker, str) and new and not speaker.strip().startswith("#"):
        name, kind = " ".join(str(speaker).split()), "person"
        if not name:
            raise CorrectionError("the speaker name is empty")
    elif speaker is not None:
        _sid, name = speaker_by_id(db, speaker)
        kind = db.execute("SELECT kind FROM speakers WHERE id = ?", [_sid]).fetchone()[0]
    with store.transaction(db):
        db.execute("INSERT INTO quote_corrections (content_hash, start, end, speaker, kind) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET speaker = excluded.speaker, "
                   "kind = excluded.kind", [chash, start, end, name, kind])
        _reapply(db, [old_sid] if old_sid is not None else [], quote_ids=[quote_id])
    return name


def list_corrections(db: sqlite_utils.Database) -> list[dict]:
    """Every stored correction, names first, as rows: what it is, what it says, and (for a
    reassignment) the quote it holds for while the article's text is unchanged."""
    rows = [{"correction": how, "from": key, "to": name, "quote": None, "article": None, "text": None}
            for key, name, how in db.execute(
                "SELECT key, name, how FROM name_corrections ORDER BY how, key")]
    for chash, start, end, speaker, qid, article, text in db.execute(
            "SELECT qc.content_hash, qc.start, qc.end, qc.speaker, q.id, a.id, q.text "
            "FROM quote_corrections qc LEFT JOIN articles a ON a.content_hash = qc.content_hash "
            "LEFT JOIN quotes q ON q.article_id = a.id AND q.start = qc.start AND q.end = qc.end "
            "ORDER BY a.id, qc.start"):
        rows.append({"correction": "reassign", "from": "%s:%d-%d" % (chash[:12], start, end),
                     "to": speaker, "quote": qid, "article": article, "text": text})
    return rows


def _redirect(db: sqlite_utils.Database, sid: int, current: str, to: str, how: str,
              every_key: bool) -> None:
    """Store that the names speaker ``sid`` was known by mean ``to`` from now on.

    Without ``every_key`` only its full names and its own name are redirected,
    so a lone surname still goes wherever the grouping rules send it.
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
    for key in sorted(keys):
        db.execute("INSERT INTO name_corrections (key, name, how) VALUES (?, ?, ?) "
                   "ON CONFLICT DO UPDATE SET name = excluded.name, how = excluded.how", [key, to, how])
    # earlier corrections that led to this speaker lead to its new name
    db.execute("UPDATE name_corrections SET name = ? WHERE name = ?", [to, current])


def _reapply(db: sqlite_utils.Database, speaker_ids: list[int], quote_ids: list[int] = ()) -> None:
    """Recompute the corrected names of these speakers' quotes (and these quotes), then regroup."""
    renames = store.name_corrections(db)
    marks_s = ", ".join("?" * len(speaker_ids)) or "NULL"
    marks_q = ", ".join("?" * len(quote_ids)) or "NULL"
    rows = db.execute(
        "SELECT q.id, q.engine_speaker, q.speaker_kind, q.speaker_family, q.mention, q.roles, "
        "qc.speaker, qc.kind, qc.content_hash IS NOT NULL, a.text FROM quotes q "
        "JOIN articles a ON a.id = q.article_id LEFT JOIN quote_corrections qc "
        "ON qc.content_hash = a.content_hash AND qc.start = q.start AND qc.end = q.end "
        "WHERE q.speaker_id IN (%s) OR q.id IN (%s)" % (marks_s, marks_q),
        [*speaker_ids, *quote_ids]).fetchall()
    families = set()
    for qid, engine, kind, family, mention, roles, over_name, over_kind, corrected, text in rows:
        if corrected:
            # the engine's kind and roles described whom it thought spoke
            name, kind, roles = over_name, over_kind if over_name else None, "[]"
        else:
            # as an ingest reads it: a lone surname in its article, unless a correction names it
            name = store.name_in_article(engine, kind, mention, json.loads(roles or "[]"), text,
                                         renames)
        quote = {"engine_speaker": engine, "mention": mention, "speaker_kind": kind,
                 "corrected": int(bool(corrected)), **store.effective_name(name, kind, renames)}
        db.execute("UPDATE quotes SET speaker_name = ?, speaker_family = ?, speaker_kind = ?, "
                   "corrected = ?, roles = ?, alias_forms = ?, "
                   "speaker_id = CASE WHEN ? IS NULL THEN NULL ELSE speaker_id END WHERE id = ?",
                   [quote["speaker_name"], quote["speaker_family"], kind, quote["corrected"], roles,
                    store.alias_forms(quote), quote["speaker_name"], qid])
        families |= {f for f in (family, quote["speaker_family"]) if f is not None}
    store.regroup(db, families, speaker_ids)
