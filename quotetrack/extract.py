"""The extraction pipeline: text -> quote spans -> attribution -> speakers."""

from __future__ import annotations

from quotetrack.attribute import Assignment, attribute
from quotetrack.marks import MarkSpan, find_quote_spans
from quotetrack.model import Quote, Span
from quotetrack.resolve import Resolver, build_registry
from quotetrack.tokens import paragraphs


def extract(text: str) -> list[Quote]:
    """Every quotation in ``text`` with its speaker, in order of appearance.

    Scare quotes, titles and nicknames that nobody is quoted as saying are
    left out. Never raises on odd input; raises TypeError for a non-str.
    """
    if not isinstance(text, str):
        raise TypeError("extract() takes the article text as a str, not %s" % type(text).__name__)
    spans = find_quote_spans(text)
    if not spans:
        return []
    paras = paragraphs(text, spans)
    assignments, subjects = attribute(text, paras, len(spans))
    registry, names, starts = build_registry(text, paras)
    resolver = Resolver(registry, names, starts)
    for m in subjects:
        if m.kind == "name":
            ent, _ = resolver.resolve(m)
            if ent is not None:
                resolver.note_speaker(m.start, ent)
    quotes: list[Quote] = []
    for span, asg in zip(spans, assignments):
        if not _is_statement(text, span, asg):
            continue
        quotes.append(_quote(text, span, asg, resolver))
    return quotes


def _is_statement(text: str, span: MarkSpan, asg: Assignment) -> bool:
    """A quotation someone is quoted as saying, not a scare quote or a title."""
    if asg.attributed:
        return True
    words = text[span.start:span.end].split()
    return len(words) >= 6


def _quote(text: str, span: MarkSpan, asg: Assignment, resolver: Resolver) -> Quote:
    m = asg.mention
    ent, how = resolver.resolve(m)
    speaker = ent.name if ent is not None else None
    if speaker is None and m is not None and m.kind == "name":
        speaker = m.name
    method = asg.method if how in {"name", "none"} else "%s, %s" % (asg.method, how)
    conf = asg.confidence * (1.0 if how in {"name", "none"} else 0.85)
    if speaker is None:
        conf = min(conf, 0.5)
    mention = Span(m.start, m.end, text[m.start:m.end]) if m is not None else None
    cue = Span(asg.cue[0], asg.cue[1], text[asg.cue[0]:asg.cue[1]]) if asg.cue else None
    roles = tuple(ent.roles) if ent is not None else ()
    kind = None
    if speaker is not None:
        kind = "organisation" if (ent is not None and ent.org) or (m is not None and m.org) else "person"
    return Quote(span.start, span.end, text[span.start:span.end], speaker, mention, cue,
                 conf, method, span.closed, kind, roles)
