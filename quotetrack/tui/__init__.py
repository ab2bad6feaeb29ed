"""The terminal browser (Textual): the only part of quotetrack that imports ``textual``.

``make_app(db_path)`` builds the app for the CLI (bare ``quotetrack``), the
tests and the bench alike.
"""

from quotetrack.tui.app import QuotetrackApp, make_app

__all__ = ["QuotetrackApp", "make_app"]
