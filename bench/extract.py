#!/usr/bin/env python3
"""Throughput of quotetrack.extract over a gold JSONL file, in one process.

Usage:
    python3 bench/extract.py [ARTICLES.jsonl] [--warmup N] [--sizes BYTES...] [--reported]

Default input: ../shared/data/polnear-train.jsonl beside the repository.
Articles are loaded first so reading the file is not timed; the first N
(default 20) are extracted once untimed to warm caches and lazy imports.
Then one article of 100 KB, 1 MB and 10 MB each, built from real news and
from adversarial text, shows CPU seconds per MB staying flat as an article
grows (the engine is linear in the article's length); an article is
extracted again until a second of CPU is spent on it, so the 100 KB figure
is no single short run. With --reported the timed function is
quotetrack.engine.reported.extract_statements (every statement, reported
speech too) instead of quotetrack.extract.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear-train.jsonl"

# runnable from a checkout without installing the package
sys.path.insert(0, str(REPO))

import quotetrack  # noqa: E402
from quotetrack.engine.reported import extract_statements  # noqa: E402
from quotetrack.library.articles import ArticleError, iter_articles  # noqa: E402

# the function timed: quotetrack.extract, or extract_statements with --reported
EXTRACT = quotetrack.extract


def load_texts(path: Path) -> list[str]:
    """The article texts of a JSONL file (or .txt file or folder), in order."""
    return [text for _aid, text, _meta in iter_articles([str(path)])]


def run(texts: list[str]) -> tuple[float, int]:
    """Extract from every text once; wall seconds and the number of quotes found."""
    quotes = 0
    t0 = time.perf_counter()
    for text in texts:
        quotes += len(EXTRACT(text))
    return time.perf_counter() - t0, quotes


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, time the extraction and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA,
                    help="articles to extract from (default: %(default)s)")
    ap.add_argument("--warmup", type=int, default=20, metavar="N",
                    help="untimed articles extracted first (default: %(default)s)")
    ap.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000, 10_000_000],
                    metavar="BYTES", help="article sizes for the scaling table "
                    "(default: 100 KB, 1 MB, 10 MB; none to skip it)")
    ap.add_argument("--reported", action="store_true",
                    help="time every statement, reported speech too (extract_statements)")
    args = ap.parse_args(argv)
    global EXTRACT
    EXTRACT = extract_statements if args.reported else quotetrack.extract
    if not args.data.exists():
        print("bench/extract.py: data file %s not found; pass the path of a gold JSONL "
              "file (e.g. polnear-train.jsonl) as the first argument" % args.data, file=sys.stderr)
        return 2
    try:
        texts = load_texts(args.data)
    except ArticleError as exc:
        print("bench/extract.py: %s" % exc, file=sys.stderr)
        return 2
    if not texts:
        print("bench/extract.py: no articles in %s" % args.data, file=sys.stderr)
        return 2
    run(texts[:args.warmup])
    wall, quotes = run(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print("data:        %s" % args.data)
    print("articles:    %d (%.2f MB of UTF-8 text)" % (len(texts), mb))
    print("%s %d" % ("statements: " if args.reported else "quotes:     ", quotes))
    print("wall time:   %.3f s" % wall)
    print("articles/s:  %.1f" % (len(texts) / wall if wall else float("inf")))
    print("MB/s:        %.3f" % (mb / wall if wall else float("inf")))
    # worst cases: one line with thousands of marks and cues must stay near linear
    for name, text in adversarial_texts():
        t0 = time.perf_counter()
        found = len(EXTRACT(text))
        print("worst case %-28s %7d chars, %5d quotes, %.2f s" % (name + ":", len(text), found,
                                                                  time.perf_counter() - t0))
    if args.sizes:
        scaling(texts, args.sizes)
    return 0


def scaling(texts: list[str], sizes: list[int]) -> None:
    """CPU seconds per MB for one article of each size, from real news and from
    adversarial text: a linear engine keeps the figure flat as the article grows."""
    print("one article of n bytes, CPU seconds per MB (flat = linear):")
    for kind, make in (("real news", lambda n: _real(texts, n)), ("names and pronouns", _names),
                       ("stray marks", _marks), ("transcript labels", _labels)):
        row = []
        for n in sizes:
            text = make(n)
            # a small article is extracted again until a second of CPU is spent: one
            # run of 100 KB takes 0.1 s, too short to compare with the clock's noise
            runs, t0 = 0, time.process_time()
            while runs == 0 or time.process_time() - t0 < 1.0:
                EXTRACT(text)
                runs += 1
            row.append((time.process_time() - t0) / runs / (len(text.encode("utf-8")) / 1e6))
        cells = "  ".join("%s %6.3f" % (_size(n), r) for n, r in zip(sizes, row))
        print("  %-20s %s   largest/smallest %.2f" % (kind, cells, row[-1] / row[0] if row[0] else 0))


def _size(n: int) -> str:
    return "%d MB" % (n // 1_000_000) if n >= 1_000_000 else "%d KB" % (n // 1000)


def _real(texts: list[str], n: int) -> str:
    """Real articles, paragraph after paragraph, cut to ``n`` characters."""
    out, size, i = [], 0, 0
    while size < n:
        out.append(texts[i % len(texts)])
        size += len(out[-1]) + 2
        i += 1
    return "\n\n".join(out)[:n]


def _names(n: int) -> str:
    """Names, pronouns and short quotations: every quotation a pronoun to resolve."""
    names = ["Anna Keller", "Marie Dubois", "Tom Berg", "Sara Lind", "Paolo Ferri", "Ivo Brandt"]
    unit = "".join('%s met %s. "We agreed," he said. She said "no." ' % (a, b)
                   for a in names for b in names[::-1])
    return (unit * (n // len(unit) + 1))[:n]


def _marks(n: int) -> str:
    """Stray and unbalanced quotation marks and apostrophes, one paragraph a line."""
    unit = "He said “a ‘b’ and “c. The Joneses’ car, ‘x said Mr. Smith “d”.\n"
    return (unit * (n // len(unit) + 1))[:n]


def _labels(n: int) -> str:
    """A transcript's lines, each opened by a speaker's label never named again ("Kqvalkre:"),
    so each one makes the engine ask whether the article names that speaker elsewhere."""
    rng = random.Random(0)
    out, size = [], 0
    while size < n:
        label = rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=7))
        out.append("%s: We will not stand for this and we said so today." % label)
        size += len(out[-1]) + 1
    return "\n".join(out)[:n]


def adversarial_texts() -> list[tuple[str, str]]:
    """Synthetic single-line inputs that would expose quadratic behaviour."""
    return [
        ("stray opening marks", "“" * 5000 + "he said “a” ‘b’ " * 3000),
        ("one sentence of credits", "Mr. Smith said “a” and " * 5000),
        ("apostrophes", "the Joneses’ car, ‘x " * 5000),
    ]


if __name__ == "__main__":
    sys.exit(main())
