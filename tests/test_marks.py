"""Quotation-mark detection, one named test per hard case.

Each test feeds ``find_quote_spans`` a news-like sentence and asserts the
exact text between the marks (marks excluded), as the gold format says:
a quote span never crosses a line, an unclosed quote ends at the end of its
line or before the next opening mark of its kind (white space trimmed), a
nested quote belongs to the outer span, and apostrophes, feet-and-inches
and markup attributes are never quotation marks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrack.engine.marks import find_quote_spans

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_7d63752a5a5a4f90.txt"


def texts(text: str) -> list[str]:
    """The text of every span, checking the offsets agree with it."""
    out = []
    for s in find_quote_spans(text):
        assert 0 <= s.open_mark < s.start <= s.end <= len(text)
        out.append(text[s.start:s.end])
    return out


def closed(text: str) -> list[bool]:
    return [s.closed for s in find_quote_spans(text)]


# --- the common marks -------------------------------------------------------


def test_curly_double_quotes():
    text = "“We will take action again in a manner of our choosing,” Jen Psaki said on Friday."
    assert texts(text) == ["We will take action again in a manner of our choosing,"]
    assert closed(text) == [True]


def test_straight_double_quotes():
    text = ('"We have made clear that the path of diplomacy is open," Blinken said. '
            '"We said yes; Iran said no."')
    assert texts(text) == ["We have made clear that the path of diplomacy is open,",
                           "We said yes; Iran said no."]
    assert closed(text) == [True, True]


def test_doubled_apostrophe_is_one_double_mark():
    text = "''Like this,'' he said. ''We are not done yet.''"
    assert texts(text) == ["Like this,", "We are not done yet."]
    spans = find_quote_spans(text)
    # the closing mark is two characters wide
    assert [text[s.close_mark:s.outer_end] for s in spans] == ["''", "''"]


def test_guillemets():
    text = "«We will not negotiate under pressure», the Iranian foreign minister said."
    assert texts(text) == ["We will not negotiate under pressure"]


def test_guillemets_with_french_spacing():
    text = "« Nous n’allons pas céder », a déclaré le ministre."
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start:spans[0].end].strip() == "Nous n’allons pas céder"


# --- single quotes and apostrophes ------------------------------------------


def test_single_quotes_in_headline():
    assert texts("Trump: ‘I will win’") == ["I will win"]
    assert texts("Trump: 'I will win'") == ["I will win"]


def test_single_quotes_in_headline_with_apostrophes():
    text = "Trump: ‘We’re going to win’ as Iran’s leaders vow ‘no retreat’"
    assert texts(text) == ["We’re going to win", "no retreat"]


def test_single_quoted_quote_keeps_its_apostrophes():
    assert texts("Ex-aide: 'Trump's team lied to us'") == ["Trump's team lied to us"]
    assert texts("Mr. Smith said 'we'll see' and left.") == ["we'll see"]


@pytest.mark.parametrize("text", [
    pytest.param("We’re identifying who is responsible, Biden told reporters.", id="contraction"),
    pytest.param("Iran’s nuclear program is in a box, Blinken said.", id="possessive"),
    pytest.param("Police found Jones’ car outside the Joneses’ house.", id="plural-possessive"),
    pytest.param("Crime fell sharply in the ’90s, the mayor said.", id="decade-curly"),
    pytest.param("Crime fell sharply in the '90s, the mayor said.", id="decade-straight"),
    pytest.param("The ’80s and ’90s were different, he said.", id="two-decades"),
    pytest.param("He still plays rock ’n’ roll every night.", id="rock-n-roll-curly"),
    pytest.param("He still plays rock 'n' roll every night.", id="rock-n-roll-straight"),
    pytest.param("'Tis the season, 'cause we said so.", id="leading-elisions"),
    pytest.param("They worked ’til dawn and got ’em all.", id="til-em"),
])
def test_apostrophes_never_open_a_quote(text):
    assert texts(text) == []


@pytest.mark.parametrize("text, expected", [
    pytest.param("Jones’ car was found, and police said ‘it was abandoned’ on Friday.",
                 "it was abandoned", id="possessive"),
    pytest.param("In the ’90s, the mayor said, ‘nobody listened’ to us.",
                 "nobody listened", id="decade-curly"),
    pytest.param("In the '90s, the mayor said, 'nobody listened' to us.",
                 "nobody listened", id="decade-straight"),
    pytest.param("Fans of rock ’n’ roll, the mayor said, ‘never left’ the town.",
                 "never left", id="rock-n-roll"),
    pytest.param("Iran’s leaders said ‘we will respond’ and Jones’ car burned.",
                 "we will respond", id="possessives-around"),
])
def test_apostrophe_before_a_single_quote_does_not_steal_it(text, expected):
    assert texts(text) == [expected]


# --- British and Commonwealth single marks -------------------------------------


@pytest.mark.parametrize("o, c", [("'", "'"), ("‘", "’")], ids=["straight", "curly"])
def test_single_marked_quote_over_several_paragraphs(o, c):
    # Each paragraph reopens the quotation and only the last one closes it.
    text = (f"The keeper, 52, said: {o}The otters arrived in the spring.\n\n"
            f"{o}We didn{c}t expect them to stay, but they built a holt by the weir.\n\n"
            f"{o}Now the whole village comes to watch them,{c} she added.")
    assert texts(text) == ["The otters arrived in the spring.",
                           f"We didn{c}t expect them to stay, but they built a holt by the weir.",
                           "Now the whole village comes to watch them,"]
    assert closed(text) == [False, False, True]


def test_single_marked_paragraph_opened_after_a_sentence_in_the_same_line():
    text = ("'It will be slow,' said Mr Hale. 'But the council has promised the money.\n\n"
            "'We will hold them to it,' he said.")
    assert texts(text) == ["It will be slow,", "But the council has promised the money.",
                           "We will hold them to it,"]


def test_unclosed_single_paragraph_ends_before_the_next_one_in_its_line():
    # As with double marks: paragraphs run together in one line.
    text = "She said: 'The roof leaked for a year. 'Nobody came to fix it,' she said."
    assert texts(text) == ["The roof leaked for a year.", "Nobody came to fix it,"]
    assert closed(text) == [False, True]


@pytest.mark.parametrize("text", [
    pytest.param("‘We will reopen the pier next summer,” the council said.", id="curly"),
    pytest.param("'We will reopen the pier next summer,\" the council said.", id="straight"),
])
def test_single_opening_mark_closed_by_a_double_mark(text):
    assert texts(text) == ["We will reopen the pier next summer,"]
    assert closed(text) == [True]


@pytest.mark.parametrize("text", [
    pytest.param("“We will reopen the pier next summer,’ the council said.", id="curly"),
    pytest.param("\"We will reopen the pier next summer,' the council said.", id="straight"),
])
def test_double_opening_mark_closed_by_a_single_mark(text):
    assert texts(text) == ["We will reopen the pier next summer,"]
    assert closed(text) == [True]


def test_single_quote_nested_in_an_unclosed_double_does_not_close_it():
    text = "“He told us ‘go away,’ and we left."
    assert texts(text) == ["He told us ‘go away,’ and we left."]
    assert closed(text) == [False]


@pytest.mark.parametrize("o, c", [("'", "'"), ("‘", "’")], ids=["straight", "curly"])
def test_closing_mark_glued_to_the_next_word(o, c):
    text = f"{o}The bridge will stay shut until spring,{c}said Mr Hale, the engineer."
    assert texts(text) == ["The bridge will stay shut until spring,"]
    assert closed(text) == [True]


def test_single_marked_word_nested_in_a_single_marked_quote():
    text = "‘Engineers found that some engines are ‘noisier’ than others,’ he said."
    assert texts(text) == ["Engineers found that some engines are ‘noisier’ than others,"]
    text = "'They were 'shocked' and 'upset' by the verdict,' she said."
    assert texts(text) == ["They were 'shocked' and 'upset' by the verdict,"]


def test_nested_marks_inside_an_unclosed_single_paragraph():
    text = ("'Some engines are 'noisier' than others.\n\n"
            "'We called it \"a fiasco\" at the time.\n\n"
            "'Nobody listened,' she said.")
    assert texts(text) == ["Some engines are 'noisier' than others.",
                           "We called it \"a fiasco\" at the time.",
                           "Nobody listened,"]


def test_space_after_the_opening_mark_is_not_part_of_the_span():
    text = "' If the plan fails, we start again,' he said."
    assert texts(text) == ["If the plan fails, we start again,"]
    text = "He said: 'The plan may fail.\n\n' If it does, we start again."
    assert texts(text) == ["The plan may fail.", "If it does, we start again."]


@pytest.mark.parametrize("text, expected", [
    pytest.param("'We're moving into the Smiths' old house at nine o'clock.\n\n'It is tiny,' she said.",
                 ["We're moving into the Smiths' old house at nine o'clock.", "It is tiny,"],
                 id="possessive-plural-in-unclosed-paragraph"),
    pytest.param("‘He loved rock ’n’ roll and the ’80s,’ she said.",
                 ["He loved rock ’n’ roll and the ’80s,"], id="elisions-inside"),
    pytest.param("‘It was always just a dumb box on the ‘net,’ he wrote.",
                 ["It was always just a dumb box on the ‘net,"], id="left-mark-as-apostrophe"),
    pytest.param("'Jones' dog and the Joneses' cat are both missing,' police said.",
                 ["Jones' dog and the Joneses' cat are both missing,"], id="possessives-inside"),
])
def test_apostrophes_inside_single_marked_quotes(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize("text", [
    pytest.param("'Tis the season, the vicar said.\n\nThey came in '98. Nobody left.", id="elisions"),
    pytest.param("The Smiths' house was sold.\n\nThe Joneses' car was not.", id="plural-possessives"),
    pytest.param("We met at five o'clock. Rock 'n' roll played.", id="oclock-rock-n-roll"),
])
def test_apostrophes_still_never_open_a_quote(text):
    assert texts(text) == []


@pytest.mark.parametrize("text, expected", [
    pytest.param("He still plays rock ‘n’ roll every night.", [], id="rock-n-roll"),
    pytest.param("In the ‘90s, he said ‘no’ to them.", ["no"], id="decade"),
    pytest.param("They got ‘em all by dawn, she said ‘we won’ then.", ["we won"], id="em"),
    pytest.param("Fans of rock ‘n’ roll said ‘we never left’ the town.", ["we never left"], id="n-before-quote"),
    pytest.param("‘Cause for concern,’ he said.", ["Cause for concern,"], id="a-word-not-an-elision"),
])
def test_left_mark_typed_for_an_apostrophe_is_not_a_quote(text, expected):
    # Word processors turn the apostrophe of ’n’, ’90s and ’em into a left mark.
    assert texts(text) == expected


# --- unclosed quotes ----------------------------------------------------------


def test_unclosed_quote_runs_to_end_of_paragraph():
    text = ("She went on to stress, “What we won’t do is make a hasty decision.  \n"
            "No group claimed responsibility.")
    assert texts(text) == ["What we won’t do is make a hasty decision."]
    assert closed(text) == [False]


def test_unclosed_quote_ended_by_next_opening_mark_curly():
    text = ("The statement called the strike “a reckless act of aggression "
            "“that will not go unanswered.”")
    assert texts(text) == ["a reckless act of aggression", "that will not go unanswered."]
    assert closed(text) == [False, True]


def test_unclosed_quote_ended_by_next_opening_mark_straight():
    text = ('The statement called the strike "a reckless act of aggression '
            '"that will not go unanswered."')
    assert texts(text) == ["a reckless act of aggression", "that will not go unanswered."]
    assert closed(text) == [False, True]


def test_unclosed_quote_ended_by_next_opening_mark_doubled_apostrophe():
    text = ("The statement called the strike ''a reckless act of aggression "
            "''that will not go unanswered.''")
    assert texts(text) == ["a reckless act of aggression", "that will not go unanswered."]
    assert closed(text) == [False, True]


@pytest.mark.parametrize("mark", ["“", '"', "''"], ids=["curly", "straight", "doubled-apostrophe"])
def test_two_unclosed_quotes_in_one_line(mark):
    # Neither quote is ever closed: the second opening mark ends the first.
    text = f"Protesters chanted {mark}no justice, no peace and then {mark}say his name"
    assert texts(text) == ["no justice, no peace and then", "say his name"]
    assert closed(text) == [False, False]


def test_unclosed_quote_ends_where_the_narrator_takes_over():
    # As in the seed article's gold: the unclosed question ends at "talks",
    # before ", Blinken responded that ...", not at the next opening mark.
    text = ("When asked if the attack “will bear on the nuclear talks, Blinken responded "
            "that the deal “put Iran’s program in a box.”")
    assert texts(text) == ["will bear on the nuclear talks", "put Iran’s program in a box."]
    assert closed(text) == [False, True]


def test_multi_paragraph_quote_is_one_span_per_paragraph():
    text = ("“We have made clear that the path of diplomacy is open.\n\n"
            "“The European Union invited all of the other parties.\n\n"
            "“We said yes; Iran said no,” he said.")
    assert texts(text) == ["We have made clear that the path of diplomacy is open.",
                           "The European Union invited all of the other parties.",
                           "We said yes; Iran said no,"]
    assert closed(text) == [False, False, True]


def test_multi_paragraph_quote_straight_marks():
    text = ('"We will win this election.\n\n'
            '"And we will win the next one too," she said.')
    assert texts(text) == ["We will win this election.",
                           "And we will win the next one too,"]
    assert closed(text) == [False, True]


def test_narrator_cut_never_leaves_an_empty_span():
    # A stray opening mark right before ", Name said" holds no quotation.
    text = "Biden: “, Mr. Smith said. “We will act,” he said."
    assert texts(text) == ["We will act,"]


# --- nesting and mixed marks ----------------------------------------------------


def test_nested_single_inside_double_stays_in_outer_span():
    text = "“He told me ‘we are leaving tomorrow’ and then he left,” she said."
    assert texts(text) == ["He told me ‘we are leaving tomorrow’ and then he left,"]
    text = "\"He told me 'we are leaving tomorrow' and then he left,\" she said."
    assert texts(text) == ["He told me 'we are leaving tomorrow' and then he left,"]


def test_nested_curly_inside_straight_stays_in_outer_span():
    text = "\"He called it “a disaster” and walked out,\" the senator said."
    assert texts(text) == ["He called it “a disaster” and walked out,"]


def test_nested_double_inside_single_stays_in_outer_span():
    # British and headline style: single marks outside, double marks inside.
    text = "‘It was “a disaster” for all of us,’ he said."
    assert texts(text) == ["It was “a disaster” for all of us,"]
    assert texts("Trump: ‘I said “no” to them’") == ["I said “no” to them"]


def test_nested_curly_double_inside_curly_double():
    text = "“They kept saying “we will act” and never did,” the official said."
    assert texts(text) == ["They kept saying “we will act” and never did,"]


def test_mixed_marks_close():
    text = "“We will act when we must,\" he said. “Not before.”"
    assert texts(text) == ["We will act when we must,", "Not before."]
    assert closed(text) == [True, True]


# --- noise that is not a quotation mark ------------------------------------------


def test_stray_closing_mark_does_not_break_the_rest():
    text = "Officials said” nothing more. “We will act,” Psaki said."
    assert texts(text) == ["We will act,"]
    text = "“We will act,” he said” and left. “Again,” she said."
    assert texts(text) == ["We will act,", "Again,"]


def test_markup_attribute_quotes_are_ignored():
    text = '<tweet author="realDonaldTrump">We will win big</tweet>'
    assert texts(text) == []
    text = '<tweet author="x" id="5">“We will win,” he wrote.</tweet> said Mr. Smith'
    assert texts(text) == ["We will win,"]


def test_feet_and_inches_are_not_quote_marks():
    assert texts('He is 6\'3" tall and weighs 220 pounds.') == []
    text = 'The 6\'3" center said "I am ready," after practice.'
    assert texts(text) == ["I am ready,"]
    text = '"The 6\'3" center is ready," the coach said.'
    assert texts(text) == ['The 6\'3" center is ready,']


# --- the seed article -------------------------------------------------------------

# The 12 gold spans of shared/data/seed-gold.jsonl: (start, end, head, tail).
SEED_GOLD = [
    (1203, 1278, "We’re identifying whose respon", " judgments at that point,"),
    (1375, 1383, "shy away", "shy away"),
    (1467, 1579, "If we assess that further resp", "and time of our choosing."),
    (1605, 1742, "What we won’t do is make a has", "hands of our adversaries."),
    (1819, 2076, "the first thing we have to do ", "the time of our choosing."),
    (2080, 2402, "In the case of the earlier att", "go forward with impunity,"),
    (2950, 3114, "President Biden has made very ", " as well as our partners."),
    (3153, 3297, "will that have any bearing on ", "to the Iran nuclear talks"),
    (3441, 3834, "that it put Iran’s nuclear pro", "macy is the way to do it."),
    (3838, 4305, "We have made clear that the pa", "t to decide if it agrees,"),
    (4442, 4997, "We’ve been very clear that Ira", "nce with its obligations."),
    (5110, 5740, "We said this in the aftermath ", "ny forthcoming responses."),
]


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_seed_article_gives_the_twelve_gold_spans(seed_text):
    expected = [seed_text[a:b] for a, b, _, _ in SEED_GOLD]
    # the fixture still describes this seed file
    for (a, b, head, tail), span in zip(SEED_GOLD, expected):
        assert span.startswith(head) and span.endswith(tail), (a, b)
    found = find_quote_spans(seed_text)
    assert [seed_text[s.start:s.end] for s in found] == expected
    assert [(s.start, s.end) for s in found] == [(a, b) for a, b, _, _ in SEED_GOLD]
