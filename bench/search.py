#!/usr/bin/env python3
"""Search at scale: a 1,000,000-quote library made from the train data, 200 typo queries.

Usage:
    python3 bench/search.py [--quotes N] [--queries K] [--db PATH] [--keep] [--misses]

The library is built in /tmp (or at --db) from polnear-train: its 840
articles and their 8,528 gold quotes as they are, then variants of those
quotes until there are N quotes (default 1,000,000). A variant replaces one
word in every three with a word drawn from the train quotes (so no 5-word
window of the original survives in it), now and then drops or adds a word
or swaps the halves of the quote at a comma, and gets a random speaker,
article and date. Every original is thus surrounded by about a hundred
near-copies sharing two thirds of its words: the typo query has to find the
original among them, not just its subject. The originals' ids are spread
over the whole id range (a sidecar PATH.originals.json keeps them for
--keep, which reuses a built library).

Rows go in with executemany, with the store's triggers off; the full-text
index (``quotes_fts``, the store's own, the only index search uses) is then
built in one pass (FTS5 'rebuild'): that pass is the reported index build
time. The triggers are put back afterwards.

Each query is 5 consecutive words of an original quote (white-space words
holding a letter or digit) with two inner letters of one word (4 letters
or more) swapped; it is a hit when the quote is among the top 5 hits (a
hit stands for all its near-identical copies). Queries run in this process
through ``quotetrack.search.search`` with its defaults, on a warm
connection, as the TUI runs them; p50 and p95 are of wall time (they vary
a little with the machine's load).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
TRAIN = DATA / "polnear-train.jsonl"

sys.path.insert(0, str(REPO))  # runnable from a checkout without installing the package

from quotetrack.evaluation.typo_queries import typo_query  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/, for its shared helper
from bulk import empty_library  # noqa: E402

SEED = 20240601
FIRST = ("James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara "
         "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa").split()
LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
        "Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
        "Clark Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill").split()


def load_train(path: Path = TRAIN) -> list[dict]:
    """The train articles (JSON objects with their gold quotes)."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]




def variant(words: list[str], vocab: list[str], rng: random.Random) -> str:
    """A near-copy of a quote: one word in three replaced, maybe a word dropped or added, halves swapped."""
    out = list(words)
    for block in range(0, len(out), 3):
        k = block + rng.randrange(min(3, len(out) - block))
        out[k] = rng.choice(vocab)
    r = rng.random()
    if r < 0.15 and len(out) > 3:
        del out[rng.randrange(len(out))]
    elif r < 0.3:
        out.insert(rng.randrange(len(out) + 1), rng.choice(vocab))
    if rng.random() < 0.2:
        commas = [k for k, w in enumerate(out[:-1]) if w.endswith(",")]
        if commas:
            k = rng.choice(commas) + 1
            out = out[k:] + out[:k]
    return " ".join(out)


def build(path: Path, n_quotes: int, articles: list[dict], rng: random.Random) -> dict:
    """Write the library at ``path``; its row counts and the time of each step."""
    from quotetrack.library import store

    # bulk load: the triggers (full-text index, speaker counts) go, and come back afterwards
    db, triggers = empty_library(path)
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    t0 = time.perf_counter()

    names = sorted({q["speaker"] for a in articles for q in a["quotes"]
                    if q.get("speaker") and q.get("speaker_resolved", True)})
    names += ["%s %s" % (f, l) for f in FIRST for l in LAST]
    speaker_id = {name: i + 1 for i, name in enumerate(names)}
    counts = dict.fromkeys(speaker_id.values(), 0)

    originals = []
    for a in articles:
        for q in a["quotes"]:
            originals.append((a["id"], a.get("date"), q))
    vocab = [w for _, _, q in originals for w in q["text"].split()]
    n_synthetic_articles = max(1, (n_quotes - len(originals)) // 10)

    conn.execute("BEGIN")
    conn.executemany("INSERT INTO speakers (id, name, kind) VALUES (?, ?, 'person')",
                     [(i, name) for name, i in speaker_id.items()])
    conn.executemany(
        "INSERT INTO articles (id, title, publisher, published, source, format, content_hash, text) "
        "VALUES (?, ?, ?, ?, 'bench', 'text', ?, ?)",
        [(a["id"], a["text"].split("\n", 1)[0][:200], a.get("publisher"), a.get("date"),
          store.content_hash(a["text"]), a["text"]) for a in articles])
    conn.executemany(
        "INSERT INTO articles (id, title, publisher, published, source, format, content_hash, text) "
        "VALUES (?, NULL, 'bench', ?, 'bench', 'text', '', 'synthetic')",
        [("bench/%07d" % i, "%04d-%02d-%02d" % (rng.randint(2015, 2022), rng.randint(1, 12),
                                                rng.randint(1, 28)))
         for i in range(n_synthetic_articles)])

    sql = ("INSERT INTO quotes (id, article_id, speaker_id, start, \"end\", text, confidence, method, "
           "closed, roles, alias_forms, speaker_name, corrected) VALUES (?, ?, ?, ?, ?, ?, 1.0, "
           "'gold', 1, '[]', '[]', ?, 0)")
    # the originals get ids spread over the whole range, as if ingested among the rest
    total = max(n_quotes, len(originals))
    original_ids = sorted(rng.sample(range(1, total + 1), len(originals)))
    rows = []
    for qid, (aid, _, q) in zip(original_ids, originals):
        name = q.get("speaker") if q.get("speaker_resolved", True) else None
        sid = speaker_id.get(name)
        if sid:
            counts[sid] += 1
        rows.append((qid, aid, sid, q["start"], q["end"], q["text"], name))
    conn.executemany(sql, rows)
    taken = set(original_ids)
    base_words = [q["text"].split() for _, _, q in originals]
    all_names = list(speaker_id)
    free = (i for i in range(1, total + 1) if i not in taken)
    rows = []
    for qid in free:
        words = base_words[rng.randrange(len(base_words))]
        text = variant(words, vocab, rng) if words else rng.choice(vocab)
        name = rng.choice(all_names)
        counts[speaker_id[name]] += 1
        rows.append((qid, "bench/%07d" % rng.randrange(n_synthetic_articles), speaker_id[name],
                     0, len(text), text, name))
        if len(rows) == 50_000:
            conn.executemany(sql, rows)
            rows = []
    conn.executemany(sql, rows)
    qid = total
    conn.executemany("UPDATE speakers SET quotes = ? WHERE id = ?",
                     [(c, sid) for sid, c in counts.items()])
    conn.execute("COMMIT")
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')")
    conn.commit()
    fts_s = time.perf_counter() - t0
    for _, sql_text in triggers:
        conn.execute(sql_text)
    conn.commit()
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return {"quotes": qid, "originals": original_ids, "load_s": load_s, "fts_s": fts_s}


def file_size(path: Path) -> int:
    """Bytes of the library file and its WAL."""
    return sum(os.path.getsize(p) for p in (str(path), str(path) + "-wal") if os.path.exists(p))


def index_size(path: Path) -> int:
    """Bytes of the full-text index tables (dbstat), when SQLite has dbstat."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'quotes_fts%' "
                            "OR name LIKE 'quotes_search%'").fetchone()[0] or 0
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def run_queries(path: Path, base: list, original_ids: list[int], k: int,
                rng: random.Random) -> dict:
    """Run ``k`` typo queries on the library; latencies and the top-5 hit rate."""
    from quotetrack import search
    from quotetrack.library import store

    picks = []
    order = list(range(len(base)))
    rng.shuffle(order)
    for i in order:
        query = typo_query(base[i][2]["text"], rng)
        if query:
            picks.append((original_ids[i], query))
        if len(picks) == k:
            break
    db = store.open_db(path, create=False)
    search.search(db, "warm up the connection", limit=5)
    times, found, misses = [], 0, []
    for qid, query in picks:
        t0 = time.perf_counter()
        hits = search.search(db, query, limit=5)
        times.append(time.perf_counter() - t0)
        if any(qid in h.quote_ids for h in hits):
            found += 1
        else:
            misses.append((qid, query))
    db.close()
    times.sort()
    return {"n": len(picks), "found": found, "misses": misses,
            "p50": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))],
            "max": times[-1], "mean": statistics.fmean(times)}


def main(argv: list[str] | None = None) -> int:
    """Build the library, run the queries, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, default=1_000_000, help="quotes in the library")
    ap.add_argument("--queries", type=int, default=200, help="typo queries to run")
    ap.add_argument("--db", type=Path, default=Path("/tmp/quotetrack-bench-search.db"))
    ap.add_argument("--keep", action="store_true", help="reuse the library at --db if it exists")
    ap.add_argument("--misses", action="store_true", help="print the queries that missed")
    args = ap.parse_args(argv)
    if not TRAIN.exists():
        print("no train data at %s" % TRAIN, file=sys.stderr)
        return 1
    articles = load_train()
    base = [(a["id"], a.get("date"), q) for a in articles for q in a["quotes"]]
    sidecar = Path(str(args.db) + ".originals.json")
    if args.keep and args.db.exists() and sidecar.exists():
        built = None
        original_ids = json.loads(sidecar.read_text())
    else:
        built = build(args.db, args.quotes, articles, random.Random(SEED))
        original_ids = built["originals"]
        sidecar.write_text(json.dumps(original_ids))
    result = run_queries(args.db, base, original_ids, args.queries, random.Random(SEED + 1))
    size = file_size(args.db)
    if built:
        print("library       %d quotes (%d originals), loaded in %.1f s"
              % (built["quotes"], len(built["originals"]), built["load_s"]))
        print("index build   %.1f s (FTS5 'rebuild' of quotes_fts, the only index search uses)"
              % built["fts_s"])
    print("size          %.0f MB file, of which %.0f MB full-text index"
          % (size / 1e6, index_size(args.db) / 1e6))
    print("queries       %d typo queries, top-5 hit rate %.1f %% (%d/%d)"
          % (result["n"], 100 * result["found"] / result["n"], result["found"], result["n"]))
    print("latency       p50 %.1f ms, p95 %.1f ms, mean %.1f ms, max %.1f ms"
          % (1e3 * result["p50"], 1e3 * result["p95"], 1e3 * result["mean"], 1e3 * result["max"]))
    if args.misses:
        for qid, query in result["misses"]:
            print("  missed #%d: %s" % (qid, query))
    return 0


if __name__ == "__main__":
    sys.exit(main())
