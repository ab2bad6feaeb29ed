#!/usr/bin/env python3
"""The browser on a large library: time from app start to the first screen populated, and to the
timeline of the most quoted official drawn.

Usage:
    python3 bench/tui.py [--quotes N] [--speakers K] [--db PATH] [--runs R]

Builds a library of N quotes (default 100,000) by bulk insert following the
store's schema (not through the engine): articles of ten quotes each,
K speakers (default 2,000) quoted with a Zipf-like skew, so the most
quoted official has thousands of statements. Then, R times, starts the app
headless at 140x45 (``App.run_test``) and waits until the officials list,
the first official's first page of statements and its detail pane are all
filled, and prints that time. Then, in the same app, opens the timeline of
the most quoted official (by month, ten years of statements) and times it
until the chart has been drawn (its widget rendered with the counts) and
until the latest month's statements are listed under it; then switches it
to weeks and times that too.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
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
DEADLINE = 30  # seconds a measured step may take before the bench says it failed
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
        shown.update(await timeline(app, pilot, screen.shown[0]))
    return seconds, shown


async def timeline(app, pilot, official) -> dict:
    """Seconds from opening ``official``'s timeline to its chart drawn and its period listed, by
    month, then from switching to weeks to that chart drawn."""
    from quotetrack.tui.timeline_screen import TimelineChart

    drawn: list[float] = []
    render = TimelineChart.render

    def timed(chart):
        out = render(chart)
        if getattr(chart.screen, "timeline", None) is not None:
            drawn.append(time.perf_counter())  # a render with the counts in: the chart as seen
        return out

    TimelineChart.render = timed
    try:
        started = time.perf_counter()
        app.open_timeline([official.id])
        chart_s = listed_s = None
        while chart_s is None or listed_s is None:
            await pilot.pause(0.001)
            if time.perf_counter() - started > DEADLINE:
                raise RuntimeError("the timeline was not drawn in %d s" % DEADLINE)
            screen = app.screen
            if chart_s is None and drawn:
                chart_s = drawn[0] - started
            if listed_s is None and getattr(screen, "timeline", None) is not None and \
                    screen.query_one("#period-statements").row_count:
                listed_s = time.perf_counter() - started
        months = len(screen.timeline.starts)
        drawn.clear()
        started = time.perf_counter()
        await pilot.press("w")
        while not drawn or screen.timeline.by != "week":
            await pilot.pause(0.001)
            if time.perf_counter() - started > DEADLINE:
                raise RuntimeError("the weeks were not drawn in %d s" % DEADLINE)
            if drawn and screen.timeline.by != "week":
                drawn.clear()  # a repaint of the months' chart
        weeks_s = drawn[-1] - started
        return {"timeline_s": chart_s, "listed_s": listed_s, "weeks_s": weeks_s, "months": months,
                "weeks": len(screen.timeline.starts), "timeline_of": official.name,
                "timeline_statements": screen.timeline.series[0].total}
    finally:
        TimelineChart.render = render


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
    times, charts, listed, weeks = [], [], [], []
    for _ in range(args.runs):
        seconds, shown = asyncio.run(first_screen(args.db))
        times.append(seconds)
        charts.append(shown["timeline_s"])
        listed.append(shown["listed_s"])
        weeks.append(shown["weeks_s"])
    # a shared machine: the figures mean little without how busy it was
    print("load average (1, 5, 15 min) after the runs: %.2f %.2f %.2f on %d cores"
          % (*os.getloadavg(), os.cpu_count() or 1))
    print("first screen populated: officials %d of %d rows, %d statements of %s"
          % (shown["officials_rows"], shown["officials_total"], shown["statements_rows"], shown["first"]))
    print("time to first screen: median %.3f s, best %.3f s, worst %.3f s over %d runs"
          % (statistics.median(times), min(times), max(times), len(times)))
    print("timeline of %s (%d statements, %d months, %d weeks):"
          % (shown["timeline_of"], shown["timeline_statements"], shown["months"], shown["weeks"]))
    for label, values in (("chart drawn by month", charts), ("its latest month listed", listed),
                          ("chart drawn by week (after w)", weeks)):
        print("  %s: median %.3f s, best %.3f s, worst %.3f s"
              % (label, statistics.median(values), min(values), max(values)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
