"""Article text as Rich ``Text``: data shown as it is, never read as markup or escape codes.

Every string from the library goes through ``visible`` first, which swaps
control characters (an ESC starting a terminal escape sequence, a bell, a
backspace) for their visible Unicode pictures, one character for one so
offsets into the text still hold. ``Text`` objects are never parsed for
markup, so a quote holding "[bold]" shows those seven characters.
"""

from __future__ import annotations

from rich.color import Color, ColorParseError
from rich.style import Style
from rich.text import Text

from quotetrack.tui.data import ArticleView, Detail, Official, Statement

# C0 controls (but newline and tab) -> U+2400.., DEL -> U+2421, C1 controls -> U+FFFD
_VISIBLE = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_VISIBLE[0x7F] = 0x2421
_VISIBLE.update({c: 0xFFFD for c in range(0x80, 0xA0)})


def visible(text: str | None) -> str:
    """``text`` with each control character replaced by a visible one (same length)."""
    return (text or "").translate(_VISIBLE)


def colour(variables: dict[str, str], name: str, fallback: str) -> str:
    """A theme variable's colour when Rich can use it (a plain "#rrggbb" or a name), else ``fallback``."""
    value = variables.get(name, "")
    try:
        Color.parse(value)
    except ColorParseError:
        return fallback
    return value


def palette(variables: dict[str, str], names: tuple[str, ...]) -> list[str]:
    """The distinct usable colours among theme variables ``names``, in order."""
    out: list[str] = []
    for name in names:
        value = colour(variables, name, "")
        if value and value.lower() not in {c.lower() for c in out}:
            out.append(value)
    return out or ["yellow", "cyan", "green", "magenta", "red", "blue"]


def line(text: str | None, limit: int = 200) -> Text:
    """One table cell: the text on one line (newlines as spaces), cut at ``limit`` characters."""
    flat = " ".join(visible(text).split())
    if len(flat) > limit:
        flat = flat[:limit - 1] + "…"
    return Text(flat, no_wrap=True, overflow="ellipsis")


def excerpt(text: str, span: tuple[int, int] | None, width: int = 90, style: str = "bold reverse") -> Text:
    """A one-line excerpt of ``text`` around ``span`` with the span highlighted."""
    flat = visible(text).replace("\n", " ")
    if span is None:
        return line(flat, width)
    start, end = span
    left = max(0, start - max(8, (width - (end - start)) // 3))
    right = min(len(flat), max(end, left + width))
    out = Text("…" if left else "", no_wrap=True, overflow="ellipsis")
    out.append(flat[left:start])
    out.append(flat[start:end], style=style)
    out.append(flat[end:right])
    if right < len(flat):
        out.append("…")
    return out


def date(value: str | None) -> Text:
    """A published date cell (YYYY-MM-DD), or a dash."""
    return Text(visible(value)[:10] if value else "—", no_wrap=True)


def said(text: Text, kind: str | None) -> Text:
    """A statement's cell: a quotation (direct) between quotation marks, reported speech bare,
    as a newspaper prints them."""
    if kind != "direct":
        return text
    out = Text("“", no_wrap=text.no_wrap, overflow=text.overflow)
    out.append_text(text)
    out.append("”")
    return out


def reports(n: int) -> str:
    """"+N articles" for a statement that N more articles report, else ""."""
    return "" if n <= 1 else "+%d article%s" % (n - 1, "" if n == 2 else "s")


def statement_text(st: Statement, width: int = 200) -> Text:
    """A statement's text on one line within ``width`` characters (a quotation in quotation
    marks), "+N articles" kept at its end."""
    more = reports(st.reports)
    text = said(line(st.text, max(8, width - len(more) - 4) if more else width - 2), st.kind)
    if more:
        text.append("  " + more, style="dim")
    return text


def statement_cells(st: Statement) -> tuple[Text, Text, Text]:
    """The date, publisher and statement cells of a statements row."""
    return date(st.published), line(st.publisher or "—", 40), statement_text(st)


KIND_NAMES = {"direct": "direct (a quotation)", "mixed": "mixed (reported, with a quoted part)",
              "indirect": "indirect (reported speech)"}


def kind_counts(o: Official) -> Text:
    """An official's statements by kind: direct·mixed·indirect."""
    return Text("%d·%d·%d" % (o.direct, o.mixed, o.indirect), justify="right", no_wrap=True)


def paragraph(d: Detail, quote_style: str, mention_style: str, cue_style: str = "italic underline") -> Text:
    """The statement's paragraph with its content (each fragment of a reported clause split
    around its cue), the speaker mention and the cue highlighted."""
    text = Text(visible(d.paragraph))
    for start, end in d.fragments or (d.quote,):
        text.stylize(quote_style, start, end)
    if d.cue:
        text.stylize(cue_style, *d.cue)
    if d.mention:
        text.stylize(mention_style, *d.mention)
    return text


def facts(d: Detail, label_style: str = "bold") -> Text:
    """Who, the cue, the article and how the quote was attributed, one per line."""
    who = visible(d.speaker) if d.speaker else "no speaker found"
    if d.roles:
        who += " (%s)" % visible(d.roles[0])
    kind = KIND_NAMES.get(d.kind, d.kind)
    if d.cue_type == "attitude":
        kind += ", an attitude"
    rows = [
        ("Kind", kind),
        ("Speaker", who + (" — corrected by you" if d.corrected else "")),
        ("Mention", visible(d.mention_text) or "—"),
        ("Cue", visible(d.cue_text) or "—"),
        ("Article", visible(d.title) or visible(d.article_id)),
        ("Publisher", visible(d.publisher) or "—"),
        ("Date", visible(d.published) or "—"),
        ("Confidence", "%.2f" % d.confidence if d.confidence is not None else "—"),
        ("Attributed", visible(d.method) or "—"),
    ]
    out = Text()
    for i, (label, value) in enumerate(rows):
        if i:
            out.append("\n")
        out.append("%-11s" % label, style=label_style)
        out.append(value)
    return out


def article_text(a: ArticleView, colours: dict[int | None, str], focus: int | None = None) -> Text:
    """The whole article, each statement in its speaker's colour (reported speech in italics,
    quotations not), mentions underlined, ``focus`` reversed: every fragment of its content."""
    text = Text(visible(a.text))
    # reported clauses first, so a quotation inside a mixed one keeps its own look on top
    for q in sorted(a.quotes, key=lambda q: (q.kind == "direct", q.id == focus)):
        style = Style.parse(colours.get(q.speaker_id, "dim"))
        if q.kind != "direct":
            style += Style(italic=True, bold=False)
        if q.id == focus:
            style += Style(reverse=True)
        for start, end in q.fragments or ((q.start, q.end),):
            text.stylize(style, start, end)
        if q.mention:
            text.stylize(Style.parse(colours.get(q.speaker_id, "dim")) + Style(underline=True, bold=True),
                         *q.mention)
    return text
