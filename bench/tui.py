#!/usr/bin/env python3
"""The browser on a large library: time from app start to the first screen populated.

Usage:
    python3 bench/tui.py [--quotes N] [--speakers K] [--db PATH] [--runs R]

Builds a library of N quotes (default 100,000) by bulk insert following the
store's schema (not through the engine): articles of ten quotes each,
K speakers (default 2,000) quoted with a Zipf-like skew, so the most
quoted official has thousands of statements. Then, R times, starts the app
headless at 140x45 (``App.run_test``) and waits until the officials list,
the first official's first page of statements and its detail pane are all
filled, and prints that time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # runnable from a checkout without installing the package

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/, for its shared helper
from bulk import empty_library  # noqa: E402

WORDS = ("budget taxes families schools diplomacy sanctions agreement security border trade "
         "jobs health care climate energy prices inflation election vote senate house court "
         "rights police military allies talks war peace troops workers wages housing rent "
         "farmers water roads bridges internet privacy").split()
FIRST = "James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara".split()
LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
        "Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Perez Thompson White Harris").split()
ROLES = ["Senator", "Governor", "Secretary of State", "Mayor", "Spokesperson", "Minister", ""]


def build_library(path: Path, n_quotes: int = 100_000, n_speakers: int = 2_000, seed: int = 7) -> None:
    """A library of ``n_quotes`` quotes by ``n_speakers`` speakers, written in bulk."""
    from quotetrack.library import store

    rng = random.Random(seed)
    db, triggers = empty_library(path)
    conn = db.conn
    names = []
    while len(names) < n_speakers:
        name = "%s %s%s" % (rng.choice(FIRST), rng.choice(LAST), "" if len(names) < 200 else " %d" % len(names))
        if name not in names:
            names.append(name)
    weights = [1 / (i + 1) ** 0.9 for i in range(n_speakers)]
    speakers_of = rng.choices(range(1, n_speakers + 1), weights=weights, k=n_quotes)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO speakers (id, name, kind, roles) VALUES (?, ?, 'person', ?)",
                     [(i + 1, n, json.dumps([r] if (r := ROLES[i % len(ROLES)]) else []))
                      for i, n in enumerate(names)])
    quote_rows, article_rows = [], []
    per_article = 10
    for a in range(0, n_quotes, per_article):
        parts, spans = [], []
        pos = 0
        for k in range(min(per_article, n_quotes - a)):
            sid = speakers_of[a + k]
            quote = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."
            prefix = "%s said: “" % names[sid - 1]
            para = prefix + quote + "”"
            start = pos + len(prefix)
            spans.append((sid, start, start + len(quote), quote, pos, pos + len(names[sid - 1])))
            parts.append(para)
            pos += len(para) + 2
        text = "\n\n".join(parts)
        aid = "bench/%07d" % (a // per_article)
        article_rows.append((aid, "Bench article %d" % (a // per_article), rng.choice(["AP", "Reuters", "BBC"]),
                             "%04d-%02d-%02d" % (rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)),
                             store.content_hash(text), text))
        for sid, start, end, quote, ms, me in spans:
            quote_rows.append((aid, sid, start, end, quote, names[sid - 1], ms, me, "said", 0.9,
                               "cue before", names[sid - 1]))
    conn.executemany("INSERT INTO articles (id, title, publisher, published, source, format, content_hash, text) "
                     "VALUES (?, ?, ?, ?, 'bench', 'text', ?, ?)", article_rows)
    conn.executemany(
        'INSERT INTO quotes (article_id, speaker_id, start, "end", text, mention, mention_start, mention_end, '
        "cue, confidence, method, closed, roles, alias_forms, speaker_name, corrected) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, '[]', '[]', ?, 0)", quote_rows)
    conn.execute("UPDATE speakers SET quotes = (SELECT count(*) FROM quotes q WHERE q.speaker_id = speakers.id)")
    from quotetrack.library.store import recount_kinds

    recount_kinds(db)
    conn.execute("COMMIT")
    conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')")
    for _, sql in triggers:
        conn.execute(sql)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


async def first_screen(path: Path) -> tuple[float, dict]:
    """Seconds from app start to the first screen populated, and what it showed."""
    from quotetrack.tui import make_app
    from quotetrack.tui.widgets import OfficialsTable, QuoteDetail, StatementsTable

    started = time.perf_counter()
    app = make_app(path)
    async with app.run_test(size=(140, 45)) as pilot:
        while True:
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            try:
                officials = screen.query_one(OfficialsTable)
                statements = screen.query_one(StatementsTable)
                detail = screen.query_one(QuoteDetail)
            except Exception:
                continue
            if officials.row_count and statements.row_count and detail.detail is not None:
                break
        seconds = time.perf_counter() - started
        shown = {"officials_rows": officials.row_count, "officials_total": len(screen.shown),
                 "statements_rows": statements.row_count, "first": officials.get_row_at(0)[0].plain}
    return seconds, shown


def main(argv: list[str] | None = None) -> int:
    """Build the library, time the first screen, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quotes", type=int, default=100_000)
    ap.add_argument("--speakers", type=int, default=2_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--db", type=Path, default=Path("/tmp/quotetrack-bench-tui.db"))
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    build_library(args.db, args.quotes, args.speakers)
    print("built %s: %d quotes, %d speakers in %.1f s" % (args.db, args.quotes, args.speakers,
                                                         time.perf_counter() - t0))
    times = []
    for _ in range(args.runs):
        seconds, shown = asyncio.run(first_screen(args.db))
        times.append(seconds)
    print("first screen populated: officials %d of %d rows, %d statements of %s"
          % (shown["officials_rows"], shown["officials_total"], shown["statements_rows"], shown["first"]))
    print("time to first screen: median %.3f s, best %.3f s, worst %.3f s over %d runs"
          % (statistics.median(times), min(times), max(times), len(times)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
