"""The extraction engine: article text in, quotations and their speakers out.

Pure functions, one module a stage, and nothing of quotetrack outside this
package is imported here (tests/test_architecture.py checks it), so the
library, search, CLI and browser can all sit on it and other runners can
call it as they are:

``marks`` (quotation spans) -> ``tokens`` (words, sentences) -> ``mentions``
and ``frames`` (cue verbs and who they name) -> ``attribute`` (which frame a
quotation takes) -> ``entities`` and ``resolve`` (names, pronouns and roles
to the article's people) -> ``extract`` (the whole pipeline), with the word
lists in ``lexicon``, role cleaning in ``roles`` and the records in ``model``.
"""

from quotetrack.engine.extract import extract
from quotetrack.engine.model import Quote, Span

__all__ = ["extract", "Quote", "Span"]
