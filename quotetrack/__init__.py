"""quotetrack: find every quotation in a news article and who said it.

The extractor is a pure library::

    >>> import quotetrack
    >>> [q.speaker for q in quotetrack.extract('“We will act,” Jen Psaki said.')]
    ['Jen Psaki']
"""

from quotetrack.engine.extract import extract
from quotetrack.engine.model import Quote, Span

__all__ = ["extract", "Quote", "Span"]
__version__ = "0.1.0"
