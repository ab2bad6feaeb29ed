#!/usr/bin/env python3
"""Throughput of quotetrack.extract over a gold JSONL file, in one process.

Usage:
    python3 bench/extract.py [ARTICLES.jsonl] [--warmup N]

Default input: ../shared/data/polnear-train.jsonl beside the repository.
Articles are loaded first so reading the file is not timed; the first N
(default 20) are extracted once untimed to warm caches and lazy imports.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear-train.jsonl"

# runnable from a checkout without installing the package
sys.path.insert(0, str(REPO))

import quotetrack  # noqa: E402
from quotetrack.library.articles import ArticleError, iter_articles  # noqa: E402


def load_texts(path: Path) -> list[str]:
    """The article texts of a JSONL file (or .txt file or folder), in order."""
    return [text for _aid, text, _meta in iter_articles([str(path)])]


def run(texts: list[str]) -> tuple[float, int]:
    """Extract from every text once; wall seconds and the number of quotes found."""
    quotes = 0
    t0 = time.perf_counter()
    for text in texts:
        quotes += len(quotetrack.extract(text))
    return time.perf_counter() - t0, quotes


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, time the extraction and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA,
                    help="articles to extract from (default: %(default)s)")
    ap.add_argument("--warmup", type=int, default=20, metavar="N",
                    help="untimed articles extracted first (default: %(default)s)")
    args = ap.parse_args(argv)
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
    print("quotes:      %d" % quotes)
    print("wall time:   %.3f s" % wall)
    print("articles/s:  %.1f" % (len(texts) / wall if wall else float("inf")))
    print("MB/s:        %.3f" % (mb / wall if wall else float("inf")))
    # worst cases: one line with thousands of marks and cues must stay near linear
    for name, text in adversarial_texts():
        t0 = time.perf_counter()
        found = len(quotetrack.extract(text))
        print("worst case %-28s %7d chars, %5d quotes, %.2f s" % (name + ":", len(text), found,
                                                                  time.perf_counter() - t0))
    return 0


def adversarial_texts() -> list[tuple[str, str]]:
    """Synthetic single-line inputs that would expose quadratic behaviour."""
    return [
        ("stray opening marks", "“" * 5000 + "he said “a” ‘b’ " * 3000),
        ("one sentence of credits", "Mr. Smith said “a” and " * 5000),
        ("apostrophes", "the Joneses’ car, ‘x " * 5000),
    ]


if __name__ == "__main__":
    sys.exit(main())
