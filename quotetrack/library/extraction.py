"""What the library stores of an article's text: its quotations and its reported statements.

Direct statements are stored exactly as ``quotetrack.extract`` gives them
(one row a quotation, as before reported speech was kept), so counts,
offsets and corrections made on them hold. Reported speech comes from
``extract_statements``: its ``mixed`` and ``indirect`` statements are
added; its ``direct`` ones are the same quotations joined around a shared
cue, which the quotations already stand for.

Both are read in one pass by the engine (``reported.quotations_and_reported``),
which is also what a dataset of ``extract --out`` holds (``engine.batch``), so a
dataset's load stores what an ingest of the same texts stores.
"""

from __future__ import annotations

from quotetrack.engine.model import Quote
from quotetrack.engine.reported import Statement, extract_statements, quotations_and_reported


def reported_statements(text: str) -> tuple[Statement, ...]:
    """The mixed and indirect statements of ``text``, in text order."""
    return tuple(s for s in extract_statements(text) if s.kind != "direct")


def statements_of(text: str) -> tuple[Quote | Statement, ...]:
    """Every statement the library stores for ``text``: the quotations (as ``quotetrack.extract``
    gives them), then the reported ones (as ``reported_statements``), the article read once."""
    if not isinstance(text, str):
        raise TypeError("statements_of() takes the article text as a str, not %s" % type(text).__name__)
    quotes, reported = quotations_and_reported(text)
    return quotes + reported
