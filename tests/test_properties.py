"""Property-based tests: extraction never fails and its offsets always agree.

Besides arbitrary unicode, the strategies build news-like text out of
quotation marks, newlines, punctuation, names, pronouns and reporting cues,
and mutate the seed article with stray marks, so that the attribution code
runs on input it can actually work with.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotetrack
from quotetrack.engine.marks import find_quote_spans
from quotetrack.engine.model import Quote, Span

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_7d63752a5a5a4f90.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")

MARKS = ["“", "”", '"', "'", "‘", "’", "«", "»", "''", "„", "‹", "›"]
WORDS = ["We", "will", "act", "the", "we’re", "Iran’s", "Jones’", "’90s", "rock ’n’ roll",
         "6'3\"", "nuclear", "talks", "win", "It", "is", "not", "over", "yes", "no"]
NAMES = ["Mr. Smith", "Jen Psaki", "Antony Blinken", "Blinken", "Secretary Blinken",
         "the Pentagon", "the top American diplomat", "Ms. Jones", "Dr. Who", "Trump"]
PRONOUNS = ["he", "she", "He", "She", "they", "it", "I", "we"]
CUES = ["said", "says", "told reporters", "added", "stressed", "responded", "asked",
        "went on to stress", "according to", "said that", "was asked", "wrote", "stated"]
PUNCT = [",", ".", ":", ";", "?", "!", "—", "–", "-", "(", ")", "…", "/", "[", "]"]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\r\n", ""]
MARKUP = ['<tweet author="x">', "</tweet>", '<p class="a">', "<br/>", "<", ">", "=\""]

token = st.one_of(
    st.sampled_from(MARKS),
    st.sampled_from(WORDS),
    st.sampled_from(NAMES),
    st.sampled_from(PRONOUNS),
    st.sampled_from(CUES),
    st.sampled_from(PUNCT),
    st.sampled_from(SPACES),
    st.sampled_from(MARKUP),
    st.text(st.characters(codec="utf-8"), max_size=3),
)

# Free mixtures of the tokens above, glued with or without spaces.
token_soup = st.builds(
    lambda toks, sep: sep.join(toks),
    st.lists(token, max_size=40),
    st.sampled_from(["", " "]),
)

# Sentences shaped like reported speech, with marks picked independently so
# that they are often mismatched, missing or doubled.
mark_or_none = st.sampled_from(MARKS + ["", ""])
words = st.lists(st.sampled_from(WORDS + PRONOUNS), min_size=0, max_size=8).map(" ".join)
speaker = st.one_of(st.sampled_from(NAMES), st.sampled_from(PRONOUNS))
cue = st.sampled_from(CUES)


@st.composite
def reported_speech(draw) -> str:
    quote = draw(mark_or_none) + draw(words) + draw(st.sampled_from(["", ",", ".", "?"])) + draw(mark_or_none)
    shape = draw(st.integers(0, 3))
    if shape == 0:  # “...,” Name said.
        sentence = f"{quote} {draw(speaker)} {draw(cue)}."
    elif shape == 1:  # “...,” said Name.
        sentence = f"{quote} {draw(cue)} {draw(speaker)}."
    elif shape == 2:  # Name said: “...”
        sentence = f"{draw(speaker)} {draw(cue)}{draw(st.sampled_from([':', ',', '']))} {quote}"
    else:  # split quote: “...,” he said, “...”
        second = draw(mark_or_none) + draw(words) + draw(mark_or_none)
        sentence = f"{quote} {draw(speaker)} {draw(cue)}, {second}"
    return sentence


article = st.lists(reported_speech(), min_size=1, max_size=8).flatmap(
    lambda sents: st.lists(st.sampled_from(SPACES), min_size=len(sents), max_size=len(sents)).map(
        lambda seps: "".join(s + sep for s, sep in zip(sents, seps))))


@st.composite
def mutated_seed(draw) -> str:
    """The seed article with marks, newlines and words inserted or cut out."""
    text = SEED_TEXT
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(token) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
    return text


any_text = st.text(max_size=200)
any_unicode = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)
news_like = st.one_of(token_soup, article)


# --- checks ------------------------------------------------------------------------


def check_span(text: str, s) -> None:
    assert isinstance(s, Span)
    assert 0 <= s.start <= s.end <= len(text)
    assert text[s.start:s.end] == s.text


def check_quotes(text: str, quotes: list) -> None:
    assert isinstance(quotes, list)
    prev_end = 0
    for q in quotes:
        assert isinstance(q, Quote)
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert "\n" not in q.text
        assert q.start >= prev_end, "quotes out of order or overlapping"
        prev_end = q.end
        for s in (q.mention, q.cue):
            if s is not None:
                check_span(text, s)
        assert q.speaker is None or (isinstance(q.speaker, str) and q.speaker.strip())
        json.dumps(q.to_dict())  # the gold-format record always serialises


def check_mark_spans(text: str, spans: list) -> None:
    prev_end = 0
    for s in spans:
        assert 0 <= s.open_mark < s.start < s.end <= len(text)
        assert "\n" not in text[s.start:s.end]
        assert "\n" not in text[s.open_mark:s.outer_end]
        assert s.start >= prev_end, "spans out of order or overlapping"
        prev_end = s.outer_end
        assert s.kind in ("double", "single")
        assert s.closed == (s.close_mark is not None)
        if s.close_mark is not None:
            assert s.end <= s.close_mark < s.outer_end <= len(text)


def check_both(text: str) -> None:
    check_mark_spans(text, find_quote_spans(text))
    check_quotes(text, quotetrack.extract(text))


# --- properties ----------------------------------------------------------------------

FAST = settings(max_examples=300, deadline=None)
SLOW = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(any_text)
def test_arbitrary_text(text):
    check_both(text)


@FAST
@given(any_unicode)
def test_arbitrary_unicode_including_surrogates_and_controls(text):
    check_both(text)


@FAST
@given(token_soup)
def test_token_soup_of_marks_words_and_cues(text):
    check_both(text)


@FAST
@given(article)
def test_reported_speech_with_broken_marks(text):
    check_both(text)


@SLOW
@given(mutated_seed())
def test_mutated_seed_article(text):
    check_both(text)


@FAST
@given(news_like)
def test_extract_is_deterministic(text):
    assert quotetrack.extract(text) == quotetrack.extract(text)
    assert find_quote_spans(text) == find_quote_spans(text)


@FAST
@given(news_like, news_like)
def test_paragraphs_are_independent_for_marks(a, b):
    """A paragraph is a line: marks in one line never affect another."""
    text = a + "\n" + b
    shift = len(a) + 1
    expected = [(s.start, s.end, s.closed) for s in find_quote_spans(a)]
    expected += [(s.start + shift, s.end + shift, s.closed) for s in find_quote_spans(b)]
    assert [(s.start, s.end, s.closed) for s in find_quote_spans(text)] == expected


@FAST
@given(news_like)
def test_extract_returns_the_mark_spans(text):
    """Every quote extract() returns lies within a span the mark finder found."""
    spans = [(s.start, s.end) for s in find_quote_spans(text)]
    for q in quotetrack.extract(text):
        assert any(a <= q.start and q.end <= b for a, b in spans), (q.start, q.end, spans)


PLAIN = [w for w in WORDS + NAMES + PRONOUNS + CUES + PUNCT + SPACES
         if not any(m in w for m in "\"'“”‘’«»„‹›")]


@FAST
@given(st.lists(st.sampled_from(PLAIN), max_size=30).map(" ".join))
def test_no_marks_no_quotes(text):
    """Text without any quotation mark or apostrophe character has no quote."""
    assert find_quote_spans(text) == []
    assert quotetrack.extract(text) == []
