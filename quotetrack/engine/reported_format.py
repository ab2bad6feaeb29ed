"""The attribution format of one article's statements (shared/docs/attribution-format.md)."""

from __future__ import annotations

from quotetrack.engine.reported import Statement, extract_statements


def attribution_line(aid: str, text: str, statements: list[Statement] | None = None) -> dict:
    """``{"id", "text", "attributions": [...]}`` for one article; the statements
    are extracted from ``text`` when not given."""
    if statements is None:
        statements = extract_statements(text)
    return {"id": aid, "text": text, "attributions": [s.to_dict() for s in statements]}
