"""Speaker mentions and frames on wire, UK and political news forms.

Each case is a sentence written for this file (none copied from a data
set). The frames of its sentence are read with ``find_frames`` and the
mention of the frame nearest the quotation is checked: its kind, its name
(titles split off) and, where it matters, its roles and head. A few cases
go through ``quotetrack.extract`` to check the speaker end to end.
"""

from __future__ import annotations

import pytest

import quotetrack
from quotetrack.engine.frames import find_frames
from quotetrack.engine.lexicon import CUE_FORMS, STRONG_CUES, is_title
from quotetrack.engine.marks import find_quote_spans
from quotetrack.engine.tokens import paragraphs


def frame_mentions(text: str):
    """The mention of every frame in the text, in reading order."""
    out = []
    for para in paragraphs(text, find_quote_spans(text)):
        for a, b in para.sents:
            out.extend(f.mention for f in find_frames(para.tokens, a, b, text))
    return out


def first_mention(text: str):
    """The mention of the first frame that has one."""
    found = [m for m in frame_mentions(text) if m is not None]
    assert found, "no frame with a mention in %r" % text
    return found[0]


# --- class 6: wire and UK frames --------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    # "X of Place" and "X of firm Y" name X
    ("“The harbour will reopen next week,” said Rep. Paul Greer of Maine.", "Paul Greer"),
    ("“It is a fair deal for farmers,” said Dana Holt of Nebraska.", "Dana Holt"),
    ("“The patch is late,” said Kim Berg of security firm Lockwise.", "Kim Berg"),
    ("“Demand will keep falling,” said Sam Ortiz of Harford's Institute for Grid Studies.", "Sam Ortiz"),
    ("Rep. Peter Vance of New Mexico said: “We will not back this bill.”", "Peter Vance"),
    # names with lower-case particles
    ("“The union will act together,” Ursula von der Brink said.", "Ursula von der Brink"),
    ("“We will not talk under threat,” Bashar al-Rahim said.", "Bashar al-Rahim"),
    ("“The snow crews are ready,” de Santo said.", "de Santo"),
    # hyphenated and compound titles
    ("“The outbreak is not over,” said UN Director-General Amara Okafor.", "Amara Okafor"),
    # lower-case premodifiers after an inverted cue
    ("“The price has not covered our costs for years,” says dairy farmer Ann Cole.", "Ann Cole"),
])
def test_the_name_is_the_person(text, name):
    m = first_mention(text)
    assert m.kind == "name"
    assert m.name == name


def test_the_affiliation_is_a_role():
    m = first_mention("“It is a fair deal for farmers,” said Dana Holt of Nebraska.")
    assert "of Nebraska" in m.roles


def test_the_compound_title_is_a_role():
    m = first_mention("“The outbreak is not over,” said UN Director-General Amara Okafor.")
    assert m.roles == ("UN Director-General",)


@pytest.mark.parametrize("text, name", [
    ("“We are looking into the reports,” a spokesperson for Acme Corp said.", "Acme Corp"),
    ("“Our systems were not breached,” a spokeswoman for the NHS said.", "NHS"),
])
def test_a_spokesperson_speaks_for_the_organisation(text, name):
    m = first_mention(text)
    assert m.kind == "name" and m.org
    assert m.name == name
    assert text[m.np_start:].startswith("a spokes")  # the frame starts at the description
    assert [q.speaker for q in quotetrack.extract(text)] == [name]


def test_a_spokesman_for_a_person_is_not_that_person():
    m = first_mention("“He has no plans to resign,” a spokesman for Mr. Hale said.")
    assert m.kind == "description"
    assert m.head == "spokesman"


def test_a_place_before_an_institution_noun_is_an_organisation():
    m = first_mention("“The driver fled on foot before officers arrived,” Linfield police said.")
    assert m.kind == "name" and m.org
    assert m.name == "Linfield police"


@pytest.mark.parametrize("verb", ["implored", "upbraided", "sighed", "bellowed", "stammered",
                                  "chuckled", "groaned", "confided", "gasped", "whined"])
def test_speech_verbs_beyond_the_core_lexicon(verb):
    assert verb in CUE_FORMS and verb in STRONG_CUES
    m = first_mention("“We will have to start all over again,” %s Ella Price." % verb)
    assert m.name == "Ella Price"


def test_gesture_verbs_only_govern_a_close_quotation():
    for form in ("laughed", "smiled", "shrugged", "nodded"):
        assert form in CUE_FORMS and form not in STRONG_CUES


def test_a_compound_title_is_a_title():
    assert is_title("director-general") and is_title("editor-in-chief")
    assert not is_title("well-known")


def test_extract_credits_the_person_of_a_place():
    quotes = quotetrack.extract("“The harbour will reopen next week,” said Rep. Paul Greer of Maine.")
    assert [q.speaker for q in quotes] == ["Paul Greer"]


# --- class 7: names that are no speaker --------------------------------------------------------

@pytest.mark.parametrize("text, head", [
    ("Mila Rovan came second. “I wanted to win today,” the Slovenian said.", "slovenian"),
    ("“I had my chances and did not take them,” said the American.", "american"),
    ("“It was my best race in years, honestly,” said the 31-year-old.", "31-year-old"),
    ("“The border is wide open,” the senator from Texas declared.", "senator"),
])
def test_a_description_is_no_name(text, head):
    m = first_mention(text)
    assert m.kind == "description"
    assert m.name is None
    assert m.head == head


@pytest.mark.parametrize("text", [
    "Mostly for Trump said the crowd was larger this time.",
])
def test_a_preposition_never_opens_a_name(text):
    names = [m.name for m in frame_mentions(text) if m is not None and m.kind == "name"]
    assert not any(n.split()[0] in {"Mostly", "As", "for", "Ban"} and "for" in n.split() or n.startswith("for")
                   for n in names)
    assert "Mostly for Trump" not in names and "As for Ban" not in names


def test_another_is_not_a_name():
    assert all(m is None or m.name != "Another"
               for m in frame_mentions("Another said: “I have never seen anything like it in my life.”"))


def speakers(text: str) -> list[str | None]:
    """The speaker of every quotation ``quotetrack.extract`` finds in ``text``."""
    return [q.speaker for q in quotetrack.extract(text)]


@pytest.mark.parametrize("text, speaker", [
    ("Perhaps Marta Ilves put it best: “We are tired of waiting for the council.”", "Marta Ilves"),
    ("Maybe Dorian Kell said it best: “Nobody in this valley voted for the dam.”", "Dorian Kell"),
    ("Recently, Bruno Haskell, the former harbour master, said “the pier will not last.”",
     "Bruno Haskell"),
])
def test_a_sentence_adverb_is_no_part_of_a_name(text, speaker):
    assert speakers(text) == [speaker]


@pytest.mark.parametrize("text, speaker", [
    # the name after "As for" is a topic: the speaker is the cue's subject
    ("Greta Lund left early. As for Tomas Brandt, he seems unmoved: “I will wait for the report.”",
     "Tomas Brandt"),
    # a subordinate clause's subject is not the subject of the sentence
    ("When Harlan died in 2003, Governor Ruth Abney released a statement: “He was a friend to "
     "this state.”", "Ruth Abney"),
])
def test_an_opening_preposition_or_conjunction_is_no_part_of_a_name(text, speaker):
    assert speakers(text) == [speaker]


def test_a_clause_between_commas_is_not_an_appositive():
    # "Dunmore, Ohio" is a place in a locative phrase; Vera Stoll is the subject
    text = "Speaking at a fair in Dunmore, Ohio, Vera Stoll went after her rival, calling him “a coward.”"
    assert speakers(text) == ["Vera Stoll"]


def test_a_place_in_a_locative_phrase_is_not_the_subject():
    # "in Ashford, Vermont," then ", in the 1970s,": neither place said anything
    text = ("Nadia Perrin, who grew up near the mill in Ashford, Vermont, in the 1970s, said the "
            "town was “never the same again.”")
    assert speakers(text) == ["Nadia Perrin"]


def test_a_name_governed_by_a_preposition_is_not_the_subject_of_a_cue():
    # "at a rally in Toledo to ask": Toledo is no one who asks
    text = "Dana Price urged her supporters at a rally in Toledo to ask the council “where the money went”."
    assert speakers(text)[0] in (None, "Dana Price")


def test_a_capitalised_word_inside_a_sentence_is_no_auxiliary():
    # "which Will claims": Will is the columnist, not the modal verb
    text = ("George Will wrote a column on Monday. He praised the speech in Tampa, which Will claims "
            "marked “a return to the first principles of the party”.")
    assert speakers(text)[0] in (None, "George Will")


def test_a_country_that_speaks_is_a_speaker():
    assert speakers("In a statement, France said the deal was “a step forward for Europe”.") == ["France"]


def test_people_in_the_plural_opening_a_sentence_are_no_name():
    text = "Councillor Ada Brisk spoke for an hour. Aides say she will “fight on to the end of the year”."
    assert speakers(text) == [None]


def test_a_word_the_article_writes_in_lower_case_is_no_name_at_a_sentence_start():
    text = "Crowds compared the rally to “a football match on a wet night”. The crowds were loud."
    assert speakers(text) == [None]


def test_a_cue_form_before_a_plural_verb_is_a_noun():
    # "Sharp remarks are rare": nobody called Sharp remarked anything, so "she" is the mayor
    text = ("Mayor Lena Ostrova spoke last. Sharp remarks are rare in the chamber. “This bill is a "
            "disgrace,” she said.")
    assert speakers(text) == ["Lena Ostrova"]


def test_people_in_the_plural_with_an_affiliation_are_no_name():
    text = ("Officials at the Harbour Safety Board, a branch of the transport ministry, said the "
            "crane had been “inspected every single month”.")
    assert speakers(text) == [None]


def test_an_entitys_merged_roles_follow_the_roles_added_after_they_were_read():
    # the merged roles are kept between quotes (working them out per quote made long
    # articles quadratic); a role the article gives later must still show
    from quotetrack.engine.entities import Entity, has_role

    ent = Entity("Antony Blinken")
    ent.add_role("Secretary")
    assert ent.merged_roles() == ("Secretary",)
    assert not has_role(ent, "diplomat")
    ent.add_role("Secretary of State")
    ent.add_role("Secretary")  # said again: kept once
    assert ent.roles == ["Secretary", "Secretary of State"]
    assert ent.merged_roles() == ("Secretary of State",)
    ent.add_role("top diplomat")
    assert has_role(ent, "diplomat")


def test_a_label_names_someone_only_when_the_article_names_them_again():
    from quotetrack.engine.reported import extract_statements

    once = "Lynch: No outside influence on the probe of the emails at all.\nThe hearing went on."
    twice = once + " Lynch left at noon."
    assert not [s for s in extract_statements(once) if s.cue and s.cue.text == ":"]
    labelled = [s for s in extract_statements(twice) if s.cue and s.cue.text == ":"]
    assert [s.speaker for s in labelled] == ["Lynch"]
