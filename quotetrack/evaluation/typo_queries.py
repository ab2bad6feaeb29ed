"""Typo queries for measuring search: what a hurried user types.

The search issue measures with "5 consecutive words of a stored quote, one
word with two inner letters swapped"; the search test and bench/search.py
draw their queries with this one function so they measure the same thing.
"""

from __future__ import annotations

import random


def typo_query(text: str, rng: random.Random) -> str | None:
    """5 consecutive words of ``text``, one word of 4+ letters with two inner letters swapped.

    Words are the text's white-space separated pieces holding a letter or
    digit (a lone dash or ellipsis is not a word); None for a shorter text.
    """
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    if len(words) < 5:
        return None
    for _ in range(10):
        i = rng.randrange(len(words) - 4)
        window = words[i:i + 5]
        longs = [k for k, w in enumerate(window) if len(w) >= 4 and w.isalpha()]
        if not longs:
            continue
        k = rng.choice(longs)
        w = window[k]
        inner = [j for j in range(1, len(w) - 2) if w[j] != w[j + 1]]
        if not inner:
            continue
        j = rng.choice(inner)
        window[k] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        return " ".join(window)
    return None
