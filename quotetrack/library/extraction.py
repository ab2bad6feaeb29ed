"""What the library stores of an article's text: its quotations and its reported statements.

Direct statements are stored exactly as ``quotetrack.extract`` gives them
(one row a quotation, as before reported speech was kept), so counts,
offsets and corrections made on them hold. Reported speech comes from
``extract_statements``: its ``mixed`` and ``indirect`` statements are
added; its ``direct`` ones are the same quotations joined around a shared
cue, which the quotations already stand for.

Calling both engine functions reads the article twice, and extraction is
most of an ingest's time (it halved the rate). ``extract_statements``
computes ``extract``'s quotations on its way, so ``statements_of`` follows
its steps once and keeps both (the steps of ``reported._statements``; the
test suite checks the result equals the two calls). Should the engine's
steps change names, it falls back to the two calls.
"""

from __future__ import annotations

import quotetrack
from quotetrack.engine.extract import without_cycle_collection
from quotetrack.engine.model import Quote
from quotetrack.engine.reported import Statement, extract_statements

try:
    from quotetrack.engine.marks import find_quote_spans
    from quotetrack.engine.reported import _direct_quotes, _note_subjects, _reported
    from quotetrack.engine.resolve import Resolver, build_registry
    from quotetrack.engine.tokens import paragraphs
    ONE_PASS = True
except ImportError:  # the engine's steps changed: two passes, same result
    ONE_PASS = False


def reported_statements(text: str) -> tuple[Statement, ...]:
    """The mixed and indirect statements of ``text``, in text order."""
    return tuple(s for s in extract_statements(text) if s.kind != "direct")


def statements_of(text: str) -> tuple[Quote | Statement, ...]:
    """Every statement the library stores for ``text``: the quotations (as ``quotetrack.extract``
    gives them), then the reported ones (as ``reported_statements``), the article read once."""
    if not ONE_PASS:
        return tuple(quotetrack.extract(text)) + reported_statements(text)
    if not isinstance(text, str):
        raise TypeError("statements_of() takes the article text as a str, not %s" % type(text).__name__)
    with without_cycle_collection():
        spans = find_quote_spans(text)
        paras = paragraphs(text, spans)
        if not paras:
            return ()
        registry, names, starts = build_registry(text, paras)
        resolver = Resolver(registry, names, starts)
        frames_seen: dict = {}  # each sentence's frames, found once for both
        if spans:
            quotes = _direct_quotes(text, spans, paras, resolver, starts, frames_seen)
        else:
            quotes = {}
            _note_subjects(text, paras, resolver, frames_seen)
        reported, _absorbed = _reported(text, paras, resolver, quotes, frames_seen)
    reported.sort(key=lambda s: (s.start, s.end))
    return tuple(quotes[n] for n in sorted(quotes)) + tuple(reported)
