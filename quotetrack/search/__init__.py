"""Search and compare over a library: who said something like this, and how two officials differ.

Reads the library's SQLite file directly and imports nothing of the CLI or
the browser. ``phrase_search`` (the ``search`` function below) finds quotes
close to a phrase through ``candidates`` (the FTS5 word index) and
``closeness`` (rapidfuzz ranking); ``compare`` pairs two speakers'
statements by subject; ``speaker_lookup`` turns a typed name into a speaker;
``normalise`` folds text for matching; ``cancelling`` lets a newer keystroke
abandon a stale query.
"""

from quotetrack.search.phrase_search import (DEFAULT_LIMIT, DEFAULT_MIN_SCORE, Hit, SpeakerNotFound,
                                             resolve_speaker, search)

__all__ = ["search", "Hit", "SpeakerNotFound", "resolve_speaker", "DEFAULT_LIMIT",
           "DEFAULT_MIN_SCORE"]
