"""Find the spans between quotation marks, one paragraph (line) at a time.

Marks are curly and straight double quotes, the doubled apostrophe that some
papers print for a double quote, guillemets and low-9 quotes, and single
quotes where they are used as quotation marks rather than apostrophes.
Nothing here ever raises on odd input: an unmatched mark is skipped, an
unclosed double quote runs to the end of its line (or to the next opening
mark of its kind), and a quote nested in another belongs to the outer one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from quotetrack.engine.lexicon import STRONG_CUES

# The doubled apostrophe comes first so it is read as one double mark.
_DOUBLE_RE = re.compile(r"''|[\"“”„«»‟〝〞]")
_SINGLE_RE = re.compile(r"['‘’‚‹›]")
# Markup such as <tweet author="..."> whose attribute quotes are not quotations.
_TAG_RE = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[\w-]+=\"[^\"\n]*\")*\s*/?>")
# Feet and inches (6'3") are not quotation marks.
_INCHES_RE = re.compile(r"(?<=\d')\d{1,2}\"")

_OPENERS = {"“", "„", "«", "‟", "〝"}
_CLOSERS = {"”", "»", "〞"}
_AMBIGUOUS = {'"', "''"}
_SINGLE_OPENERS = {"‘", "‚", "‹"}

# Characters after which a mark opens a quote (besides the start of a line).
_BEFORE_OPEN = set(" \t\u00a0\u2009\u202f([{—–-/:;,\u202a\u202c")
# Characters before which a mark closes a quote (besides the end of a line).
_AFTER_CLOSE = set(" \t\u00a0\u2009\u202f)]}.,;:!?—–-/…\u202a\u202c")
# Elisions that begin with an apostrophe and are not quotes: 'em, '90s ...
_ELISION_RE = re.compile(r"(?i)(em|n|til|cause|tis|twas|bout|round|s|d|ll|re|ve|\d\ds?)\b")


# ", Blinken responded" / ", he said": a speaker and cue after a comma.
_NARRATOR_RE = re.compile(r"[,;]\s+((?:[A-Z][\w.’'-]*\s+){1,4}|(?:he|she|they)\s+)([a-z]+)\b")


@dataclass(frozen=True)
class MarkSpan:
    """The text between a pair of quotation marks in one line."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when unclosed
    kind: str  # "double" or "single"

    @property
    def closed(self) -> bool:
        """True when a closing mark was found."""
        return self.close_mark is not None

    @property
    def outer_end(self) -> int:
        """Offset just past the closing mark (or the span end when unclosed)."""
        if self.close_mark is None:
            return self.end
        return self.close_mark + (2 if self._doubled_close else 1)

    _doubled_close: bool = False


def find_quote_spans(text: str) -> list[MarkSpan]:
    """Every quotation-mark span in ``text``, in order, never overlapping."""
    spans: list[MarkSpan] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.extend(_line_spans(text, pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _line_spans(text: str, lo: int, hi: int) -> list[MarkSpan]:
    masked = _masked_tags(text, lo, hi)
    doubles = [_narrator_cut(text, s) for s in _double_spans(text, lo, hi, masked)]
    singles = _single_spans(text, lo, hi, masked, doubles)
    # ‘It was “a disaster” for us,’ he said: a double quote inside a single one is nested
    doubles = [d for d in doubles
               if not any(s.open_mark < d.open_mark and d.outer_end <= s.close_mark for s in singles)]
    out: list[MarkSpan] = []
    for span in sorted(doubles + singles, key=lambda s: s.open_mark):
        if span.end <= span.start:
            continue
        if out and span.open_mark < max(out[-1].outer_end, out[-1].end):
            continue  # never overlap: the first span keeps its text
        out.append(span)
    return out


def _narrator_cut(text: str, span: MarkSpan) -> MarkSpan:
    """An unclosed quote stopped by the next opening mark ends where the
    narrator takes over: “will that ..., Blinken responded that ... “that it"."""
    if span.closed or span.end >= len(text) or text[span.end:span.end + 1] == "\n":
        return span
    for m in _NARRATOR_RE.finditer(text, span.start, span.end):
        if m.group(2).lower() in STRONG_CUES:
            return MarkSpan(span.start, m.start(), span.open_mark, None, span.kind)
    return span


def _masked_tags(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Ranges of markup tags whose attribute quotes are not quotations."""
    tags = [(m.start(), m.end()) for m in _TAG_RE.finditer(text, lo, hi)]
    return sorted(tags + [(m.end() - 1, m.end()) for m in _INCHES_RE.finditer(text, lo, hi)])


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """True when ``pos`` falls in one of the sorted (start, end) ranges."""
    n = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return any(a <= pos < b for a, b in ranges[max(0, n - 8):n + 1])


def _role(text: str, i: int, width: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for a mark by what stands around it."""
    if not text[lo:i].strip():
        return "open"  # first thing in its paragraph
    before = text[i - 1]
    after = text[i + width] if i + width < hi else " "
    can_open = before in _BEFORE_OPEN or before in _OPENERS or before in "'‘"
    can_close = after in _AFTER_CLOSE or after in _CLOSERS or after in "'’"
    if after in " \t\u00a0" and before not in " \t\u00a0":
        return "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def _family(mark: str) -> str:
    return "straight" if mark in _AMBIGUOUS else "curly"


def _double_spans(text, lo, hi, masked) -> list[MarkSpan]:
    marks = [(m.group(), m.start(), m.end() - m.start())
             for m in _DOUBLE_RE.finditer(text, lo, hi) if not _inside(m.start(), masked)]
    roles = [_role(text, i, w, lo, hi) for _, i, w in marks]
    spans: list[MarkSpan] = []
    open_k: int | None = None
    k = 0
    while k < len(marks):
        mark, i, width = marks[k]
        role = roles[k]
        if open_k is None:
            stray = role == "close" or (mark in _CLOSERS and role != "open")
            if not stray:  # a stray closing mark opens nothing
                open_k = k
            k += 1
            continue
        omark, oi, owidth = marks[open_k]
        if _family(mark) != _family(omark):
            if role != "close":
                nested_close = _next_close(marks, roles, k)
                # a quote within the quote belongs to the outer one
                k = k + 1 if nested_close is None else nested_close + 1
                continue
            # mixed marks (“...") : a closing mark of the other kind closes
        elif role == "open" and mark in _AMBIGUOUS and omark in _AMBIGUOUS:
            spans.append(_unclosed(text, oi, owidth, i, "double"))
            open_k = k
            k += 1
            continue
        elif mark in _OPENERS and role == "open" and omark not in _AMBIGUOUS:
            if _nests(marks, roles, k):
                k = _next_close(marks, roles, k) + 1
                continue
            # a fresh opening mark while one is open: the first was never closed
            spans.append(_unclosed(text, oi, owidth, i, "double"))
            open_k = k
            k += 1
            continue
        spans.append(MarkSpan(oi + owidth, i, oi, i, "double", width == 2))
        open_k = None
        k += 1
    if open_k is not None:
        _, oi, owidth = marks[open_k]
        spans.append(_unclosed(text, oi, owidth, hi, "double"))
    return [s for s in spans if s.end > s.start]


def _next_close(marks, roles, k: int) -> int | None:
    """Index of the first mark after ``k`` of k's kind that can close."""
    fam = _family(marks[k][0])
    for n in range(k + 1, len(marks)):
        if _family(marks[n][0]) == fam and roles[n] != "open":
            return n
    return None


def _nests(marks, roles, k: int) -> bool:
    """True when an opening mark inside an open quote starts a nested quote:
    two closing marks follow it with no opening mark between them."""
    first = _next_close(marks, roles, k)
    if first is None:
        return False
    second = _next_close(marks, roles, first)
    if second is None:
        return False
    return all(roles[n] != "open" for n in range(first + 1, second))


def _unclosed(text: str, open_at: int, width: int, stop: int, kind: str) -> MarkSpan:
    start, end = open_at + width, stop
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return MarkSpan(start, end, open_at, None, kind)


def _single_spans(text, lo, hi, masked, doubles) -> list[MarkSpan]:
    """Single-quoted spans outside double quotes, apostrophes left alone."""
    taken = sorted([(s.open_mark, s.outer_end) for s in doubles] + masked)
    marks = [m.start() for m in _SINGLE_RE.finditer(text, lo, hi)
             if not _inside(m.start(), taken) and not _part_of_double(text, m.start(), lo, hi)]
    closers = [j for j in marks if _single_closes(text, j, lo, hi)]
    position = {j: n for n, j in enumerate(marks)}
    spans: list[MarkSpan] = []
    k = 0
    while k < len(marks):
        i = marks[k]
        if not _single_opens(text, i, lo, hi):
            k += 1
            continue
        first = bisect.bisect_right(closers, i)
        close = _pick_single_close(text, closers[first:first + 2], hi)
        if close is None:
            k += 1
            continue
        spans.append(MarkSpan(i + 1, close, i, close, "single"))
        k = position[close] + 1
    return [s for s in spans if s.end > s.start and any(c.isalpha() for c in text[s.start:s.end])]


def _part_of_double(text: str, i: int, lo: int, hi: int) -> bool:
    return (text[i] == "'" and ((i + 1 < hi and text[i + 1] == "'") or (i > lo and text[i - 1] == "'")))


def _single_opens(text: str, i: int, lo: int, hi: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if not (before in _BEFORE_OPEN or before in _OPENERS or before == '"'):
        return False
    if not (after.isalnum() or after in "$#@.…"):
        return False
    if text[i] != "‘" and _ELISION_RE.match(text, i + 1, hi):
        return False
    return True


def _single_closes(text: str, j: int, lo: int, hi: int) -> bool:
    before = text[j - 1] if j > lo else " "
    after = text[j + 1] if j + 1 < hi else " "
    if before.isspace() or text[j] == "‘":
        return False
    return not after.isalnum()


def _pick_single_close(text: str, closers: list[int], hi: int) -> int | None:
    """The closing mark, passing over plural possessives (the Joneses’ car)."""
    for n, j in enumerate(closers):
        plural_possessive = (text[j - 1] in "sS" and j + 2 < hi and text[j + 1] == " "
                             and text[j + 2].islower())
        if plural_possessive and n + 1 < len(closers):
            between = text[j + 1:closers[n + 1]]
            if "‘" not in between and " '" not in between:
                continue
        return j
    return None
