"""quotetrack.extract on real news sentences, one named test per hard case.

Each test feeds the extractor a small article (paragraphs of the seed
article, seeds/000_7d63752a5a5a4f90.txt, or news sentences written in its
style) and asserts the exact quotation spans and speakers, and where it
matters the mention ("he", "Secretary Blinken") and cue ("said", "adding")
found at each quotation. Speakers are the resolved full names of
shared/docs/gold-format.md: "Blinken" is "Antony Blinken" once the article
has named him in full; None when nothing in the text settles who spoke.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import quotetrack
from quotetrack.engine.model import Quote

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_7d63752a5a5a4f90.txt"


def extract(text: str) -> list[Quote]:
    """extract(), checking the offsets of every quote, mention and cue agree with the text."""
    quotes = quotetrack.extract(text)
    for q in quotes:
        assert text[q.start:q.end] == q.text
        for span in (q.mention, q.cue):
            if span is not None:
                assert text[span.start:span.end] == span.text
    return quotes


def only(quotes: list[Quote]) -> Quote:
    """The single quote found (failing with what was found otherwise)."""
    assert len(quotes) == 1, [(q.text, q.speaker) for q in quotes]
    return quotes[0]


def starting(quotes: list[Quote], words: str) -> Quote:
    """The one quote whose text begins with ``words``."""
    found = [q for q in quotes if q.text.startswith(words)]
    assert len(found) == 1, (words, [(q.text[:40], q.speaker) for q in quotes])
    return found[0]


def speakers(quotes: list[Quote]) -> list[str | None]:
    return [q.speaker for q in quotes]


def mention(q: Quote) -> str | None:
    return q.mention.text if q.mention is not None else None


def cue(q: Quote) -> str | None:
    return q.cue.text if q.cue is not None else None


# --- seed paragraphs, verbatim ----------------------------------------------

BIDEN = (
    "President Joe Biden said US officials are investigating the incident. “We’re identifying "
    "whose responsible and we’ll make judgments at that point,” Biden told reporters before a "
    "meeting with lawmakers in the Oval Office."
)

PSAKI = (
    "Washington will not “shy away” from responding when necessary, said White House "
    "Spokesperson Jen Psaki, adding, “If we assess that further response is warranted, we will "
    "take action again in a manner and time of our choosing.” She went on to stress, “What we "
    "won’t do is make a hasty or ill-informed decision that further escalates the decision or "
    "plays into the hands of our adversaries.”"
)

BLINKEN_INTRO = (
    "In a televised statement, US Secretary of State Antony Blinken said that “the first thing "
    "we have to do is get to the bottom of it and find out to the best of our ability, who in "
    "fact is responsible. And then I think the President has been very clear that we will take "
    "appropriate action in a place and at the time of our choosing.”"
)

BLINKEN_STATED = (
    "“In the case of the earlier attacks the first thing we did was to make sure that we "
    "understood who is responsible, and that took some time; and then we worked very closely "
    "with our Iraqi partners to make that determination – and then to take clear action to "
    "demonstrate that these things could not go forward with impunity,” stated Secretary Blinken."
)

BLINKEN_REITERATED = (
    "In a later interview with Judy Woodruff of PBS NewsHour, Blinken reiterated that "
    "“President Biden has made very clear – that his first and most important obligation is to "
    "protect the lives and safety of the – of Americans as well as our partners.”"
)

WHEN_ASKED = (
    "When asked if the Wednesday attack “will that have any bearing on the attempt by the "
    "United States to get Iran back to the negotiating table when it comes to the Iran nuclear "
    "talks, Blinken responded that when the Trump administration withdrew from the 2015 Joint "
    "Comprehensive Plan of Action (JCPOA) nuclear deal in 2018, “that it put Iran’s nuclear "
    "program in a box, Iran then started to break out from that box. And it is now in a position "
    "where it is closer to having the ability to produce fissile material for a nuclear weapon "
    "on short order, in a matter of months. The agreement had pushed it past a year. So, we have "
    "a real interest in trying to put Iran back into that box, and diplomacy is the way to do it.”"
)

HE_SAID = (
    "“We have made clear that the path of diplomacy is open. The European Union, which is one of "
    "the parties to the original agreement, invited all of the other parties – our European "
    "partners, Russia, China, and Iran, and us – to come to start to talk about the possible "
    "return to the nuclear agreement. We said yes; Iran said no. We’ll see what they do going "
    "forward. We’ve been clear that the path of diplomacy is open. The ball’s in Iran’s court to "
    "decide if it agrees,” he said."
)

TOP_DIPLOMAT = (
    "When pressed as to whether the White House would consider the lifting of sanctions on Iran, "
    "the top American diplomat said, “We’ve been very clear that Iran has to come back into "
    "compliance with its obligations under the nuclear agreement; and if it does, we’ll do the "
    "same thing. And that would – that would involve, if they do it, some sanctions relief. But "
    "again, we’re a long ways from that. Unfortunately, Iran’s moving in the wrong direction. It "
    "continues to take steps that lift the various constraints of the agreement and is making "
    "its program more dangerous, not less dangerous. So, first and foremost, we want to see Iran "
    "come back into compliance with its obligations.”"
)

PRICE = (
    "State Department Spokesman Ned Price was asked about the latest attack during a press "
    "briefing on Wednesday. “We said this in the aftermath of the heinous attack on Erbil, I "
    "repeat it today: We won’t preview any particular or specific response. But we have "
    "demonstrated our resolve to take necessary and proportionate action in self-defense where "
    "appropriate. Whatever response we take, we will act with appropriate coordination with the "
    "Government of Iraq and of our – and with our coalition partners. We responded to recent "
    "attacks by Iran-backed militias on coalition U.S. forces in a manner that was calculated, "
    "proportionate, and fully covered by legal authorities. I think you will see the same "
    "hallmarks of any forthcoming responses."
)

AFTER_PRICE = "No group immediately claimed responsibility for yesterday’s attack."


def article(*paragraphs: str) -> str:
    """Paragraphs joined the way the seed article joins them (a blank line between)."""
    return "\n\n".join(paragraphs) + "\n"


# --- "X said" and "said X", titles and roles ---------------------------------


def test_x_told_reporters_after_the_quote():
    quotes = extract(article(BIDEN))
    q = only(quotes)
    assert q.text == "We’re identifying whose responsible and we’ll make judgments at that point,"
    assert q.speaker == "Joe Biden"
    assert mention(q) == "Biden"
    assert q.cue is not None and q.cue.text in {"told", "told reporters"}  # verb or verb phrase


def test_inverted_cue_with_title_resolves_to_name_given_earlier():
    # “...,” stated Secretary Blinken -- after "US Secretary of State Antony Blinken"
    quotes = extract(article(BLINKEN_INTRO, BLINKEN_STATED))
    assert len(quotes) == 2
    q = starting(quotes, "In the case of the earlier attacks")
    assert q.speaker == "Antony Blinken"
    assert mention(q) == "Secretary Blinken"
    assert cue(q) == "stated"


def test_inverted_cue_with_role_before_the_name():
    text = ("“We will take action again in a manner and time of our choosing,” said White House "
            "Spokesperson Jen Psaki.")
    q = only(extract(text))
    assert q.speaker == "Jen Psaki"
    assert mention(q) == "White House Spokesperson Jen Psaki"
    assert cue(q) == "said"


def test_inverted_cue_with_role_before_the_name_and_a_time_phrase():
    text = ("“We will take action again in a manner and time of our choosing,” said White House "
            "Spokesperson Jen Psaki on Friday.")
    q = only(extract(text))
    assert q.speaker == "Jen Psaki"
    assert mention(q) == "White House Spokesperson Jen Psaki"
    assert cue(q) == "said"


def test_title_and_name_before_the_cue():
    q = only(extract(article(BLINKEN_INTRO)))
    assert q.text.startswith("the first thing we have to do")
    assert q.speaker == "Antony Blinken"
    assert mention(q).endswith("Secretary of State Antony Blinken")
    assert cue(q) == "said"


# --- continuation after a participle or a subject of its own ------------------


def test_participle_adding_continues_the_inverted_speaker():
    # "..., said White House Spokesperson Jen Psaki, adding, “...”"
    quotes = extract(article(PSAKI))
    q = starting(quotes, "If we assess that further response is warranted")
    assert q.speaker == "Jen Psaki"


def test_participle_adding_has_cue_adding():
    quotes = extract(article(PSAKI))
    q = starting(quotes, "If we assess that further response is warranted")
    assert cue(q) == "adding"
    assert mention(q) == "White House Spokesperson Jen Psaki"


def test_she_went_on_to_stress():
    quotes = extract(article(PSAKI))
    q = starting(quotes, "What we won’t do is make a hasty")
    assert q.speaker == "Jen Psaki"
    assert mention(q) == "She"
    assert q.cue is not None and q.cue.text in {"stress", "went on to stress"}


# --- colon credit --------------------------------------------------------------


def test_colon_credit_in_the_same_paragraph():
    text = article(
        "Democratic presidential nominee Hillary Clinton campaigned in Ohio on Monday.",
        "Clinton told reporters: “We are not going to let anyone take away the progress we have "
        "made.”",
    )
    q = only(extract(text))
    assert q.text == "We are not going to let anyone take away the progress we have made."
    assert q.speaker == "Hillary Clinton"
    assert mention(q) == "Clinton"
    assert q.cue is not None and q.cue.text in {"told", "told reporters"}


def test_colon_credit_with_the_quote_in_the_next_paragraph():
    text = article(
        "Democratic presidential nominee Hillary Clinton campaigned in Ohio on Monday. Clinton "
        "told reporters:",
        "“We are not going to let anyone take away the progress we have made.”",
    )
    q = only(extract(text))
    assert q.speaker == "Hillary Clinton"
    assert mention(q) == "Clinton"


# --- split quotes ----------------------------------------------------------------


def test_split_quote_both_halves_same_speaker():
    text = article(
        "Senate Majority Leader Mitch McConnell spoke to reporters after the vote on Tuesday.",
        "“We are going to finish this bill before the August recess,” he said. “Nobody should "
        "doubt that we have the votes.”",
    )
    quotes = extract(text)
    assert [q.text for q in quotes] == [
        "We are going to finish this bill before the August recess,",
        "Nobody should doubt that we have the votes.",
    ]
    assert speakers(quotes) == ["Mitch McConnell", "Mitch McConnell"]
    assert mention(quotes[0]) == "he"
    assert cue(quotes[0]) == "said"


def test_split_quote_with_a_named_speaker_in_the_middle():
    text = ("“We are going to finish this bill before the August recess,” Sen. Mitch McConnell "
            "said. “Nobody should doubt that we have the votes.”")
    quotes = extract(text)
    assert len(quotes) == 2
    assert speakers(quotes) == ["Mitch McConnell", "Mitch McConnell"]


# --- partial quotes inside indirect speech ----------------------------------------


def test_partial_quote_inside_indirect_speech_closing_aside():
    # Washington will not “shy away” from responding when necessary, said ... Jen Psaki
    quotes = extract(article(PSAKI))
    q = quotes[0]
    assert q.text == "shy away"
    assert q.speaker == "Jen Psaki"
    assert mention(q) == "White House Spokesperson Jen Psaki"
    assert cue(q) == "said"
    assert len(quotes) == 3


def test_partial_quote_after_said_that():
    quotes = extract(article(BLINKEN_INTRO, BLINKEN_REITERATED))
    q = starting(quotes, "President Biden has made very clear")
    assert q.speaker == "Antony Blinken"
    assert cue(q) == "reiterated"


# --- the speaker set up in the sentence before -------------------------------------


def test_previous_sentence_sets_up_the_speaker():
    quotes = extract(article(PRICE, AFTER_PRICE))
    q = only(quotes)
    assert q.speaker == "Ned Price"
    assert mention(q) == "State Department Spokesman Ned Price"


def test_previous_sentence_with_a_plain_cue():
    text = article(
        "Senate Minority Leader Chuck Schumer told reporters on Capitol Hill that Democrats "
        "would fight the bill. "
        "“This bill is a disaster for working families, and we will fight it every step of the "
        "way.”",
    )
    q = only(extract(text))
    assert q.speaker == "Chuck Schumer"


# --- "according to" ----------------------------------------------------------------


def test_according_to_after_the_quote():
    text = ("The department “has no plans to change course on border enforcement,” according to "
            "Homeland Security Secretary Jeh Johnson.")
    q = only(extract(text))
    assert q.speaker == "Jeh Johnson"
    assert mention(q) == "Homeland Security Secretary Jeh Johnson"
    assert cue(q) == "according to"


def test_according_to_before_the_quote():
    text = ("According to Homeland Security Secretary Jeh Johnson, the department “has no plans "
            "to change course on border enforcement.”")
    q = only(extract(text))
    assert q.speaker == "Jeh Johnson"
    assert cue(q) == "According to"


# --- an appositive between the speaker and the cue ------------------------------------


def test_appositive_between_speaker_and_cue():
    text = ("Ned Price, the department’s spokesman, said the United States “will act with "
            "appropriate coordination with the Government of Iraq.”")
    q = only(extract(text))
    assert q.speaker == "Ned Price"
    assert mention(q) == "Ned Price"
    assert cue(q) == "said"


def test_appositive_after_an_inverted_cue():
    text = ("“We won’t preview any particular or specific response,” said Ned Price, the State "
            "Department spokesman.")
    q = only(extract(text))
    assert q.speaker == "Ned Price"
    assert cue(q) == "said"


# --- pronouns ------------------------------------------------------------------------


def test_pronoun_resolves_to_the_person_named_earlier():
    quotes = extract(article(BLINKEN_INTRO, HE_SAID))
    assert len(quotes) == 2
    q = starting(quotes, "We have made clear that the path of diplomacy is open")
    assert q.speaker == "Antony Blinken"
    assert mention(q) == "he"
    assert cue(q) == "said"


def test_she_and_he_pick_the_person_of_their_gender():
    text = article(
        "House Minority Leader Nancy Pelosi appeared alongside Senate Minority Leader Chuck "
        "Schumer at a news conference on Thursday.",
        "“We will not be bullied into a bad deal,” she said.",
        "“This is about whether working families can afford their health care,” he said.",
    )
    quotes = extract(text)
    assert speakers(quotes) == ["Nancy Pelosi", "Chuck Schumer"]
    assert [mention(q) for q in quotes] == ["she", "he"]


def test_he_skips_a_nearer_woman():
    text = article(
        "Republican nominee Donald Trump attacked Hillary Clinton at a rally in Florida on "
        "Friday.",
        "“She has been wrong on every single foreign policy decision,” he said.",
    )
    q = only(extract(text))
    assert q.speaker == "Donald Trump"
    assert mention(q) == "he"


# --- descriptions -----------------------------------------------------------------------


def test_description_resolves_to_the_person_with_that_role():
    quotes = extract(article(BLINKEN_INTRO, TOP_DIPLOMAT))
    q = starting(quotes, "We’ve been very clear that Iran has to come back")
    assert q.speaker == "Antony Blinken"
    assert mention(q) == "the top American diplomat"
    assert cue(q) == "said"


# --- short name to full name ---------------------------------------------------------------


def test_short_name_resolves_to_the_full_name():
    quotes = extract(article(BLINKEN_INTRO, BLINKEN_REITERATED))
    q = starting(quotes, "President Biden has made very clear")
    assert mention(q) == "Blinken"
    assert q.speaker == "Antony Blinken"


def test_short_name_alone_stays_the_short_name():
    text = "“We will not be intimidated,” Blinken told reporters on Thursday."
    q = only(extract(text))
    assert q.speaker == "Blinken"


# --- an interviewer's question ---------------------------------------------------------------


def test_interviewer_question_has_no_speaker():
    quotes = extract(article(BLINKEN_REITERATED, WHEN_ASKED))
    q = starting(quotes, "will that have any bearing on the attempt")
    assert q.speaker is None
    assert "Iran nuclear talks" in q.text
    assert not q.closed


def test_answer_after_an_interviewer_question_goes_to_the_responder():
    quotes = extract(article(BLINKEN_INTRO, BLINKEN_REITERATED, WHEN_ASKED))
    q = starting(quotes, "that it put Iran’s nuclear program in a box")
    assert q.speaker == "Antony Blinken"
    assert mention(q) == "Blinken"
    assert cue(q) == "responded"


# --- unclosed and multi-paragraph quotes --------------------------------------------------------


def test_unclosed_quote_runs_to_the_end_of_its_paragraph():
    text = article(
        "Republican nominee Donald Trump told the crowd in Tampa, “We are going to win Florida, "
        "and we are going to win big",
        "The rally ran more than an hour.",
    )
    q = only(extract(text))
    assert q.text == "We are going to win Florida, and we are going to win big"
    assert not q.closed
    assert q.speaker == "Donald Trump"


def test_multi_paragraph_quote_is_one_quote_per_paragraph():
    text = article(
        "Republican nominee Donald Trump told supporters in Ohio, “We are going to bring back "
        "the jobs that were stolen from this state.",
        "“We are going to renegotiate NAFTA, and we are going to do it fast.",
        "“Believe me, it is going to happen.”",
        "The crowd chanted his name as he left the stage.",
    )
    quotes = extract(text)
    assert [q.text for q in quotes] == [
        "We are going to bring back the jobs that were stolen from this state.",
        "We are going to renegotiate NAFTA, and we are going to do it fast.",
        "Believe me, it is going to happen.",
    ]
    assert [q.closed for q in quotes] == [False, False, True]
    assert speakers(quotes) == ["Donald Trump"] * 3


# --- nested quotes ---------------------------------------------------------------------------------


def test_nested_quote_stays_inside_the_outer_one():
    text = ("“Every time he says ‘we are going to win,’ fewer people in this state believe him,” "
            "Sen. Lindsey Graham said on Sunday.")
    q = only(extract(text))
    assert q.text == "Every time he says ‘we are going to win,’ fewer people in this state believe him,"
    assert q.speaker == "Lindsey Graham"


def test_nested_straight_quote_stays_inside_the_outer_one():
    text = ("\"When he told me, 'I will never quit,' I believed him,\" Rep. Elijah Cummings told "
            "reporters.")
    q = only(extract(text))
    assert q.text == "When he told me, 'I will never quit,' I believed him,"
    assert q.speaker == "Elijah Cummings"


# --- apostrophes -----------------------------------------------------------------------------------


def test_apostrophes_never_open_quotes():
    text = ("We’re told Iran’s foreign minister wants talks, and Rep. Walter Jones’ office said "
            "the congressman “won’t support any deal that lets Iran’s program grow.” The "
            "Joneses’ neighbors didn’t comment.")
    q = only(extract(text))
    assert q.text == "won’t support any deal that lets Iran’s program grow."
    assert q.start == text.index("won’t support")


def test_seed_sentence_with_apostrophes_is_one_quote():
    q = only(extract(article(BIDEN)))
    assert q.start == BIDEN.index("We’re identifying")
    assert q.end == BIDEN.index("point,") + len("point,")


# --- scare quotes, titles and nicknames -----------------------------------------------------------


def test_show_title_is_not_a_quote():
    text = ("Sen. Bernie Sanders told MSNBC’s “Morning Joe” that the Democratic Party needs to "
            "change course before the midterm elections.")
    assert extract(text) == []


def test_show_title_after_a_non_cue_verb_is_not_a_quote():
    text = article(
        "Pence Defends Trump Economic Plan on Sunday Show",
        "Republican vice presidential nominee Gov. Mike Pence appeared on CBS’s “Face the "
        "Nation” on Sunday.",
        "Pence defended the ticket’s economic plan for nearly half an hour.",
    )
    assert extract(text) == []


def test_nickname_is_not_a_quote():
    text = ("Rep. Robert C. “Bobby” Scott, a Virginia Democrat, voted against the bill on "
            "Thursday.")
    assert extract(text) == []


def test_straight_quoted_nickname_is_not_a_quote():
    text = ('Rep. Robert C. "Bobby" Scott, a Virginia Democrat, voted against the bill on '
            'Thursday.')
    assert extract(text) == []


def test_nickname_before_a_cue_is_not_a_quote():
    text = ("Rep. Robert C. “Bobby” Scott, a Virginia Democrat, said on Thursday that he would "
            "vote against the bill.")
    assert extract(text) == []


# --- transcript labels and dash credits -------------------------------------------------------------


def test_transcript_label_resolves_to_the_named_person():
    text = article(
        "Republican vice presidential nominee Gov. Mike Pence appeared on CBS on Sunday. Here "
        "is an excerpt of the interview:",
        "\"PENCE: Well, look, I think the American people are tired of the same old politics, "
        "and that is why Donald Trump is going to win in November.\"",
    )
    quotes = extract(text)
    q = only(quotes)
    assert q.text.startswith("PENCE: Well, look, I think")
    assert q.speaker == "Mike Pence"


def test_dash_credit_after_the_quote():
    text = article(
        "The district’s teachers marched to the state capitol on Saturday.",
        "“Every child in this state deserves a teacher who has the time to know their name.” ― "
        "Julie A. Diaz Martinez",
    )
    q = only(extract(text))
    assert q.speaker == "Julie A. Diaz Martinez"
    assert cue(q) == "―"


# --- nothing settles the speaker -------------------------------------------------------------------


def test_lone_pronoun_with_nobody_named_has_no_speaker():
    q = only(extract("“It is a disgrace and everyone in this town knows it,” he said."))
    assert q.speaker is None
    assert mention(q) == "he"
    assert cue(q) == "said"


# --- the whole seed article -------------------------------------------------------------------------


def test_seed_article_has_twelve_quotes():
    quotes = extract(SEED.read_text(encoding="utf-8"))
    assert len(quotes) == 12


def test_seed_article_speakers():
    quotes = extract(SEED.read_text(encoding="utf-8"))
    assert Counter(speakers(quotes)) == Counter({
        "Joe Biden": 1, "Jen Psaki": 3, "Antony Blinken": 6, "Ned Price": 1, None: 1})
    assert speakers(quotes) == [
        "Joe Biden", "Jen Psaki", "Jen Psaki", "Jen Psaki",
        "Antony Blinken", "Antony Blinken", "Antony Blinken",
        None,  # the interviewer's question
        "Antony Blinken", "Antony Blinken", "Antony Blinken",
        "Ned Price",
    ]


# --- a passive cue: its subject is not who says the quotation ---------------------------


def test_the_subject_of_a_passive_cue_is_not_the_speaker():
    asked = extract("Sidney Blumenthal was asked, “If you had known she had a personal server, "
                    "would you have told her not to use it?”")
    said_to_be = extract("Republican National Committee Chairman Reince Priebus was said to be "
                         "“furious” about the interview.")
    assert [q.speaker for q in asked] == [None]
    assert [q.speaker for q in said_to_be] == [None]
    assert cue(asked[0]) == "asked"


def test_a_passive_question_before_the_answer_still_credits_the_answer():
    text = article("State Department Spokesman Ned Price was asked about the latest attack during "
                   "a press briefing on Wednesday. “We won’t preview any particular or specific "
                   "response.”")
    assert [q.speaker for q in extract(text)] == ["Ned Price"]


# --- nested reports: the outer report governs what its complement holds ----------------


def test_a_report_inside_a_report_is_the_outer_speakers():
    quotes = extract("Nance said she would like Trump to further explain why the court "
                     "“matters so much to the people who sent him there.”")
    assert [q.speaker for q in quotes] == ["Nance"]


def test_a_comma_ends_the_outer_reports_reach():
    quotes = extract("According to the campaign, Sanders said the system is “rigged against "
                     "working people.”")
    assert [q.speaker for q in quotes] == ["Sanders"]


def test_a_sentence_final_quotation_keeps_its_weak_cue_over_the_next_sentence():
    quotes = extract("Former Florida governor Jeb Bush called the use of executive orders "
                     "“quite dangerous.” New Jersey Gov. Chris Christie said the president had "
                     "overstepped.")
    assert [q.speaker for q in quotes] == ["Jeb Bush"]


def test_lower_case_premodifiers_before_an_inverted_name():
    quotes = extract("“The biggest concern for me is the next Supreme Court justice,” said Idaho "
                     "nutritional-supplement executive Frank VanderSloot.")
    assert [q.speaker for q in quotes] == ["Frank VanderSloot"]


def test_a_quotation_paragraph_after_a_reported_paragraph_keeps_its_speaker():
    text = article("Defense Secretary Ash Carter said that for decades critics had predicted an "
                   "American withdrawal from the region.",
                   "“That is because this region is home to nearly all of our partners in the "
                   "fight.”")
    assert [q.speaker for q in extract(text)] == ["Ash Carter"]


def test_a_dash_line_after_a_quotation_paragraph_credits_it():
    text = article("Following are some claims from the debate.",
                   "\"Americans are worried about the future of their children.\"",
                   "- Bernie Sanders.")
    assert [q.speaker for q in extract(text)] == ["Bernie Sanders"]
