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

# A doubled apostrophe is read as one double mark. (One character class first, which
# the regex engine scans for directly: the alternation ''|["...] made it try a match at
# every character of the line.)
_DOUBLE_RE = re.compile(r"[\"“”„«»‟〝〞'](?:(?<=')'|(?<!'))")
_SINGLE_RE = re.compile(r"['‘’‚‹›]")
_ANY_MARK = re.compile(r"[\"“”„«»‟〝〞'‘’‚‹›]")
# Markup such as <tweet author="..."> whose attribute quotes are not quotations.
_TAG_RE = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[\w-]+=\"[^\"\n]*\")*\s*/?>")
# Feet and inches (6'3") are not quotation marks.
_INCHES_RE = re.compile(r"\d'\d{1,2}\"")

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
# The same elisions typed with a left mark (‘90s, rock ‘n’ roll): only those
# no quotation starts with, so ‘Cause for concern’ still opens a quote.
_LEFT_ELISION_RE = re.compile(r"(?i)(em|n|til|tis|twas|\d\ds?)\b")


# ", Blinken responded" / ", he said": a speaker and cue after a comma.
_NARRATOR_RE = re.compile(r"[,;]\s+((?:[A-Z][\w.’'-]*\s+){1,4}|(?:he|she|they)\s+)([a-z]+)\b")


# not frozen (never changed all the same): a frozen dataclass sets each field through
# object.__setattr__, and an article builds thousands of these
@dataclass(slots=True, unsafe_hash=True)
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
        if line.isascii() and '"' not in line and "'" not in line:
            pass  # no mark: the only ones in ASCII found by two plain scans, not the pattern's
        elif line.strip():
            spans.extend(_line_spans(text, pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _line_spans(text: str, lo: int, hi: int) -> list[MarkSpan]:
    if _ANY_MARK.search(text, lo, hi) is None:
        return []  # most lines hold no quotation mark: one scan instead of several
    masked = _masked_tags(text, lo, hi)
    doubles = [_narrator_cut(text, _single_close(text, s)) for s in _double_spans(text, lo, hi, masked)]
    singles = _single_spans(text, lo, hi, masked, doubles)
    # ‘It was “a disaster” for us,’ he said: a double quote inside a single one is nested
    opens = [s.open_mark for s in singles]
    doubles = [d for d in doubles if not _nested_in(d, singles, opens)]
    out: list[MarkSpan] = []
    for span in sorted(doubles + singles, key=lambda s: s.open_mark):
        if span.end <= span.start:
            continue
        if out and span.open_mark < max(out[-1].outer_end, out[-1].end):
            continue  # never overlap: the first span keeps its text
        out.append(span)
    return out


def _nested_in(d: MarkSpan, singles: list[MarkSpan], opens: list[int]) -> bool:
    """True when double span ``d`` lies inside one of the single spans, which
    are in order and never overlap (``opens``: their opening marks), so only
    the last one opened before it counts."""
    n = bisect.bisect_left(opens, d.open_mark) - 1
    if n < 0:
        return False
    s = singles[n]
    return d.outer_end <= (s.close_mark if s.closed else s.end)


# In an unclosed double quote: a single mark that opens a nested quote, or
# one after closing punctuation and before a space, which closes the quote.
_SINGLE_IN_DOUBLE_RE = re.compile(r"(?P<open>(?<=[\s(])['‘](?=\w))|(?P<close>(?<=[,.!?])['’](?=\s|$))")


def _single_close(text: str, span: MarkSpan) -> MarkSpan:
    """An unclosed double quote closed by a single mark: “We will reopen,’ the
    council said. A mark after closing punctuation that no nested single
    quote opened before it cannot be an apostrophe, so it ends the quote."""
    if span.closed:
        return span
    m = _SINGLE_IN_DOUBLE_RE.search(text, span.start, span.end)
    if m is None or m.group("open"):
        return span
    return MarkSpan(span.start, m.start(), span.open_mark, m.start(), span.kind)


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
    if text.find("'", lo, hi) < 0:
        return tags  # no feet mark, so no inches: the line is not scanned again
    return sorted(tags + [(m.end() - 1, m.end()) for m in _INCHES_RE.finditer(text, lo, hi)])


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """True when ``pos`` falls in one of the sorted (start, end) ranges."""
    if not ranges:
        return False
    n = bisect.bisect_right(ranges, (pos, _INF)) - 1
    for a, b in ranges[max(0, n - 8):n + 1]:
        if a <= pos < b:
            return True
    return False


_INF = float("inf")


_NONSPACE = re.compile(r"\S")


def _role(text: str, i: int, width: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for a mark by what stands around it."""
    if _NONSPACE.search(text, lo, i) is None:
        return "open"  # first thing in its paragraph (found without copying the line so far)
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
             for m in _DOUBLE_RE.finditer(text, lo, hi) if not masked or not _inside(m.start(), masked)]
    roles = [_role(text, i, w, lo, hi) for _, i, w in marks]
    table = _CloseTable(marks, roles)
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
                nested_close = table.next[k]
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
            if table.nests(k):
                k = table.next[k] + 1
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


class _CloseTable:
    """For each double mark, the first later mark of its family (straight or
    curly) that can close, and how many opening marks precede each mark;
    built in one pass so that lookups keep long lines linear."""

    def __init__(self, marks, roles):
        self.roles = roles
        self.next: list[int | None] = [None] * len(marks)
        last: dict[str, int | None] = {"straight": None, "curly": None}
        for n in range(len(marks) - 1, -1, -1):
            fam = _family(marks[n][0])
            self.next[n] = last[fam]
            if roles[n] != "open":
                last[fam] = n
        self.opens_before = [0] * (len(marks) + 1)
        for n, role in enumerate(roles):
            self.opens_before[n + 1] = self.opens_before[n] + (role == "open")

    def nests(self, k: int) -> bool:
        """True when an opening mark inside an open quote starts a nested quote:
        two closing marks follow it with no opening mark between them."""
        first = self.next[k]
        if first is None:
            return False
        second = self.next[first]
        if second is None:
            return False
        return self.opens_before[second] == self.opens_before[first + 1]


def _unclosed(text: str, open_at: int, width: int, stop: int, kind: str) -> MarkSpan:
    start, end = open_at + width, stop
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return MarkSpan(start, end, open_at, None, kind)


def _single_spans(text, lo, hi, masked, doubles) -> list[MarkSpan]:
    """Single-quoted spans outside double quotes, apostrophes left alone.

    British and Commonwealth papers quote in single marks: a quotation may
    hold a single-marked word of its own (‘some are ‘louder’ than others’),
    may be closed by a double mark (‘...”), and a paragraph of a quotation
    that runs on opens with a mark and is never closed.
    """
    if not _SINGLE_RE.search(text, lo, hi):
        return []
    taken = sorted([(s.open_mark, s.outer_end) for s in doubles] + masked)
    marks, kinds = _classify_singles(text, lo, hi, taken)
    if _OPEN not in kinds:
        return []
    scan = _SingleScan(text, lo, hi, marks, kinds)
    spans: list[MarkSpan] = []
    k = 0
    while k < len(marks):
        if kinds[k] != _OPEN:
            k += 1
            continue
        i = marks[k]
        close, stop = scan.resolve(k, 0)
        if close is None and _runs_to_paragraph_end(text, i, lo, hi):
            if stop is None:
                close = scan.line_final_close()
            if close is None:
                end = marks[stop] if stop is not None else hi
                spans.append(_unclosed(text, i, 1, end, "single"))
                k = stop if stop is not None else len(marks)
                continue
        if close is None:
            close = scan.first_close(k)
            if close is None or (stop is not None and close > stop):
                k += 1
                continue
        spans.append(_closed_single(text, i, marks[close]))
        k = close + 1
    return [s for s in spans if s.end > s.start and any(c.isalpha() for c in text[s.start:s.end])]


_OPEN, _CLOSE, _DOUBLE_CLOSE, _APOSTROPHE = range(4)
# Double marks that can close a quotation opened with a single mark (‘...”).
_DOUBLE_CLOSE_RE = re.compile(r"[\"”»]")


def _classify_singles(text, lo, hi, taken) -> tuple[list[int], list[int]]:
    """Offsets of the marks a single-marked quote may use, in order, and what
    each can be: an opening or closing mark, or an apostrophe."""
    found = []
    for m in _SINGLE_RE.finditer(text, lo, hi):
        i = m.start()
        # (only a straight mark can be half of a double one: most are curly apostrophes)
        if text[i] != "'" or not _part_of_double(text, i, lo, hi):
            found.append((i, False))
    found += [(m.start(), True) for m in _DOUBLE_CLOSE_RE.finditer(text, lo, hi)]
    found.sort()
    marks, kinds = [], []
    for j, double in found:
        if _inside(j, taken):
            continue
        if double:
            # only a stray closing mark the double pass left unused
            if not _single_closes(text, j, lo, hi):
                continue
            kind = _DOUBLE_CLOSE
        elif _single_closes(text, j, lo, hi):
            kind = _CLOSE
        elif _single_opens(text, j, lo, hi):
            kind = _OPEN
        else:
            continue
        marks.append(j)
        kinds.append(kind)
    return marks, kinds


class _SingleScan:
    """Where a single-marked quotation opened at a mark ends, one line.

    ``resolve`` reads on from a mark inside an open quotation and returns
    (closing mark, None) or (None, stop): no closing mark before the next
    paragraph-opening mark ``stop`` (None: the end of the line). Results are
    memoised per (mark, depth) and every step moves right, so a line costs
    time linear in its number of marks.
    """

    def __init__(self, text, lo, hi, marks, kinds):
        self.text, self.lo, self.hi, self.marks, self.kinds = text, lo, hi, marks, kinds
        n = len(marks)
        # next_open[k] / next_close[k]: first opening / closing mark after k
        self.next_open = [n] * (n + 1)
        self.next_close = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            self.next_open[k] = k + 1 if k + 1 < n and kinds[k + 1] == _OPEN else self.next_open[k + 1]
            self.next_close[k] = (k + 1 if k + 1 < n and kinds[k + 1] in (_CLOSE, _DOUBLE_CLOSE)
                                  else self.next_close[k + 1])
        self.memo: dict[tuple[int, int], tuple[int | None, int | None]] = {}

    def resolve(self, k: int, depth: int) -> tuple[int | None, int | None]:
        """How the quotation open at mark ``k`` ends (depth 1: a nested one)."""
        n = len(self.marks)
        path: list[int] = []
        ends_outer: dict[int, int] = {}  # path step -> inner closing mark
        pos = k
        while True:
            if (pos, depth) in self.memo:
                result = self.memo[(pos, depth)]
                break
            path.append(pos)
            c, o = self.next_close[pos], self.next_open[pos]
            if c == n and o == n:
                result = (None, None)
                break
            if o < c:
                if self._starts_paragraph(o):
                    result = (None, o)  # a new paragraph of quotation: this one was never closed
                    break
                if depth == 0:
                    inner, _ = self.resolve(o, 1)
                    if inner is not None:
                        # a quote within the quote; the outer one reads on after it
                        ends_outer[len(path) - 1] = inner
                        pos = inner
                        continue
                pos = o  # an opening mark with no close of its own is an apostrophe
                continue
            if self.kinds[c] == _DOUBLE_CLOSE and depth > 0:
                pos = c
                continue
            if self._plural_possessive(c) and self.next_open[c] >= self.next_close[c]:
                # the Joneses’ car: read on to the next closing mark, or to the end of
                # the paragraph; first_close keeps it as a last resort
                pos = c
                continue
            result = (c, None)
            break
        # memoise the whole path, applying each nested quote's rule on the way back
        for step in range(len(path) - 1, -1, -1):
            inner = ends_outer.get(step)
            if inner is not None and result[0] is None and self.text[self.marks[inner] - 1] in ",.!?":
                # ‘... on the ‘net,’ he said: a mark after closing punctuation, with no
                # other closing mark after it, ends the outer quote; the inner ‘ was an apostrophe
                result = (inner, None)
            self.memo[(path[step], depth)] = result
        return result

    def first_close(self, k: int) -> int | None:
        """The first closing mark after ``k``, passing over a plural possessive
        (the Joneses’ car) when another closing mark follows it."""
        n = len(self.marks)
        c = self.next_close[k]
        if c == n:
            return None
        if self._plural_possessive(c):
            c2 = self.next_close[c]
            if c2 < n and self.next_open[c] > c2:
                return c2
        return c

    def line_final_close(self) -> int | None:
        """The line's last mark when it closes and nothing but space follows it."""
        if not self.marks or self.kinds[-1] not in (_CLOSE, _DOUBLE_CLOSE):
            return None
        if _NONSPACE.search(self.text, self.marks[-1] + 1, self.hi):
            return None
        return len(self.marks) - 1

    def _starts_paragraph(self, k: int) -> bool:
        return _runs_to_paragraph_end(self.text, self.marks[k], self.lo, self.hi)

    def _plural_possessive(self, c: int) -> bool:
        j = self.marks[c]
        text = self.text
        return (self.kinds[c] == _CLOSE and text[j - 1] in "sS" and j + 2 < self.hi
                and text[j + 1] == " " and text[j + 2].islower())


def _runs_to_paragraph_end(text: str, i: int, lo: int, hi: int) -> bool:
    """True when the opening mark at ``i`` may start a quotation that runs
    unclosed to the end of its paragraph: it begins the line or a sentence
    (after . ! ? or a colon) and a capital letter or a figure follows it."""
    j = i - 1
    while j >= lo and text[j] in " \t\u00a0":
        j -= 1
    if j >= lo:
        prev = text[j]
        if prev in "'’\"”" and j > lo:
            prev = text[j - 1]  # biscuit.’ ‘There’s: the sentence ended inside a quote
        if prev not in ".!?:":
            return False
        if prev == "." and j >= lo + 2 and text[j - 1].isupper() and text[j - 2] in ". ":
            return False  # U.S. ‘Dreamers’: an abbreviation, not a sentence end
    after = i + 1
    if j < lo and after < hi and text[after] == " ":
        after += 1  # a stray space after the mark that opens a paragraph
    return after < hi and (text[after].isupper() or text[after].isdigit())


def _closed_single(text: str, open_at: int, close_at: int) -> MarkSpan:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return MarkSpan(start, end, open_at, close_at, "single")


def _part_of_double(text: str, i: int, lo: int, hi: int) -> bool:
    return (text[i] == "'" and ((i + 1 < hi and text[i + 1] == "'") or (i > lo and text[i - 1] == "'")))


def _single_opens(text: str, i: int, lo: int, hi: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if not (before in _BEFORE_OPEN or before in _OPENERS or before == '"'):
        return False
    if after == " " and _NONSPACE.search(text, lo, i) is None:
        # ‘ If ...’: a space after the mark that opens a paragraph
        return i + 2 < hi and text[i + 2].isupper()
    if not (after.isalnum() or after in "$#@.…"):
        return False
    if (_LEFT_ELISION_RE if text[i] == "‘" else _ELISION_RE).match(text, i + 1, hi):
        return False
    return True


def _single_closes(text: str, j: int, lo: int, hi: int) -> bool:
    before = text[j - 1] if j > lo else " "
    after = text[j + 1] if j + 1 < hi else " "
    if before.isspace() or text[j] == "‘" or j == lo:
        return False
    if before in "nN" and j - 2 >= lo and text[j - 2] in "'’‘":
        return False  # the second mark of rock ’n’ roll
    if before in ",.!?" and after.isalpha():
        # ‘... spring,’said Mr Hale: glued to the next word, but not U.S.’s
        glued_s = after in "sS" and not (j + 2 < hi and text[j + 2].isalnum())
        return not glued_s and (text[j] != "'" or after.islower())
    return not after.isalnum()
