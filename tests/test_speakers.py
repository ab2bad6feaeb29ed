"""Grouping speaker names across articles (quotetrack.library.speakers), as pure functions."""

import itertools
import random

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack.library.speakers import NameInfo, article_name, clean_name, group_names, parse_name


def groups_of(*names, kind="person", pinned=()):
    """{display name: set of names} for names given as "Name" or ("Name", quotes)."""
    infos = [NameInfo(n, kind, 1) if isinstance(n, str) else NameInfo(n[0], kind, n[1]) for n in names]
    return {g.name: set(g.names) for g in group_names(infos, pinned)}


@pytest.mark.parametrize("name, words, suffix", [
    ("Antony Blinken", ("antony", "blinken"), ""),
    ("Secretary of State Antony Blinken", ("antony", "blinken"), ""),
    ("U.S. Secretary of Defense Lloyd Austin", ("lloyd", "austin"), ""),
    ("Sen. Bernie Sanders", ("bernie", "sanders"), ""),
    ("Republican Donald Trump", ("donald", "trump"), ""),
    ("Donald J. Trump", ("donald", "trump"), ""),
    ("Donald Trump Jr.", ("donald", "trump"), "jr"),
    ("Brent Bozell III", ("brent", "bozell"), "iii"),
    ("Blinken's", ("blinken",), ""),
    ("José Díaz-Balart", ("jose", "diaz", "balart"), ""),
    ("O’Rourke", ("orourke",), ""),
    ("President", ("president",), ""),  # a title alone stays a name rather than nothing
])
def test_parse_name_normalises_titles_case_initials_and_possessives(name, words, suffix):
    parsed = parse_name(name)
    assert parsed.words == words and parsed.suffix == suffix


def test_organisation_names_keep_their_titles_but_lose_a_leading_the():
    assert parse_name("General Motors", person=False).words == ("general", "motors")
    assert parse_name("the Pentagon", person=False).key == parse_name("Pentagon", person=False).key


def test_clean_name_strips_titles_but_keeps_the_spelling():
    assert clean_name("Secretary of State Antony Blinken") == "Antony Blinken"
    assert clean_name("Sen. Bernie Sanders") == "Bernie Sanders"
    assert clean_name("Antony Blinken") == "Antony Blinken"


def test_every_form_of_blinken_is_one_speaker_named_antony_blinken():
    groups = groups_of("Blinken", "Secretary Blinken", "Antony Blinken", "Secretary of State Antony Blinken")
    assert groups == {"Antony Blinken": {"Blinken", "Secretary Blinken", "Antony Blinken",
                                         "Secretary of State Antony Blinken"}}


def test_bill_and_hillary_clinton_stay_apart_and_a_bare_clinton_on_a_tie_joins_neither():
    groups = groups_of(("Bill Clinton", 2), "Hillary Clinton", "Hillary Rodham Clinton", "Clinton")
    assert groups == {"Bill Clinton": {"Bill Clinton"},
                      "Hillary Clinton": {"Hillary Clinton", "Hillary Rodham Clinton"},
                      "Clinton": {"Clinton"}}


def test_names_joined_by_and_make_no_one_speaker_of_two_people():
    # a subject of two people ("Bill Clinton and Hillary Clinton said") joins the last one named
    # and no other: before, it was a longer form of "Bill Clinton" too, and one such statement
    # made one speaker of both Clintons
    groups = groups_of(("Hillary Clinton", 9), ("Bill Clinton", 5), "Bill Clinton and Hillary Clinton",
                       "Bill and Hillary Clinton")
    assert groups == {"Hillary Clinton": {"Hillary Clinton", "Bill Clinton and Hillary Clinton",
                                          "Bill and Hillary Clinton"},
                      "Bill Clinton": {"Bill Clinton"}}


def test_names_joined_by_and_are_no_candidate_for_a_bare_surname():
    # "Bill Clinton and Obama" is no person called Obama: the bare surname keeps its one
    # person, at full confidence, where before it joined Barack Obama only weakly (two candidates)
    infos = [NameInfo("Barack Obama", "person", 20), NameInfo("Obama", "person", 4),
             NameInfo("President Obama", "person", 3), NameInfo("Bill Clinton and Obama", "person", 1),
             NameInfo("Bill Clinton", "person", 6)]
    groups = {g.name: g for g in group_names(infos)}
    assert set(groups["Barack Obama"].names) == {"Barack Obama", "Obama", "President Obama"}
    assert groups["Barack Obama"].weak == ()
    assert set(groups["Bill Clinton and Obama"].names) == {"Bill Clinton and Obama"}


def test_a_bare_surname_joins_the_dominant_person_weakly():
    infos = [NameInfo("Ann Pryce", "person", 9), NameInfo("Tom Pryce", "person", 2),
             NameInfo("Pryce", "person", 4)]
    groups = {g.name: g for g in group_names(infos)}
    assert set(groups) == {"Ann Pryce", "Tom Pryce"}
    assert set(groups["Ann Pryce"].names) == {"Ann Pryce", "Pryce"}
    assert groups["Ann Pryce"].weak == ("Pryce",) and groups["Tom Pryce"].weak == ()


def test_a_gender_title_settles_a_surname_against_the_dominant_person():
    # "Mrs." / "Mr." point at the one person of that gender (first names: the engine's gazetteer)
    groups = groups_of(("Tom Pryce", 9), ("Ellen Pryce", 2), "Mrs. Pryce", "Mr. Pryce", "Pryce")
    assert groups == {"Tom Pryce": {"Tom Pryce", "Mr. Pryce", "Pryce"},
                      "Ellen Pryce": {"Ellen Pryce", "Mrs. Pryce"}}


def test_a_role_settles_a_surname_against_the_dominant_person():
    infos = [NameInfo("Ellen Pryce", "person", 9, ("candidate",)),
             NameInfo("Tom Pryce", "person", 2, ("former President",)),
             NameInfo("President Pryce", "person", 1, ("President",))]
    groups = {g.name: set(g.names) for g in group_names(infos)}
    assert groups["Tom Pryce"] == {"Tom Pryce", "President Pryce"}


def test_a_title_no_known_person_fits_stays_with_the_bare_surname():
    groups = groups_of(("Tom Pryce", 3), "Mrs. Pryce", "Ms. Pryce")
    assert groups == {"Tom Pryce": {"Tom Pryce"}, "Pryce": {"Mrs. Pryce", "Ms. Pryce"}}
    assert groups_of("Mr. Ban", "Ban") == {"Ban": {"Mr. Ban", "Ban"}}


@pytest.mark.parametrize("short, formal", [
    ("Ed Rendell", "Edward G. Rendell"), ("Dick Durbin", "Richard J. Durbin"),
    ("Bob Pryce", "Robert Pryce"), ("Bill Pryce", "William Pryce"), ("Mike Pryce", "Michael Pryce"),
    ("Jim Pryce", "James A. Pryce"), ("Tom Pryce", "Thomas Pryce"), ("Tony Pryce", "Anthony Pryce"),
])
def test_first_name_variants_agree_when_the_rest_does(short, formal):
    assert len(groups_of(short, formal)) == 1


def test_first_name_variants_stay_apart_when_the_rest_differs_or_two_people_fit():
    assert len(groups_of("Bob Pryce", "Robert Pryce Jr.")) == 2
    assert len(groups_of("Ed Rendell", "Edward Rendall")) == 2
    assert len(groups_of("Bob Smith", "Robert Smith", "Bill Smith")) == 2
    # "Chris" may be Christopher or Christine: it joins neither
    assert groups_of("Chris Pryce", "Christopher Pryce", "Christine Pryce")["Chris Pryce"] == {"Chris Pryce"}


def test_article_name_takes_the_full_name_the_article_uses():
    text = "Sen. Ellen Pryce met Gov. Bob Hale. “We agree,” Pryce said. But Pryce left."
    assert article_name("Pryce", text) == "Ellen Pryce"
    assert article_name("Pryce", "Ellen Pryce and her husband, Tom Pryce, came.", mention="he") == "Tom Pryce"
    assert article_name("Clinton", "Bill Clinton spoke. “Yes,” Clinton said.") == "Bill Clinton"
    assert article_name("Trump", "Donald Trump Jr. spoke. “Yes,” Trump said.") == "Donald Trump Jr."
    assert article_name("Trump", "Donald J. Trump spoke. “Yes,” Mr. Trump said.") == "Donald J. Trump"
    # two people of the same gender: the article does not say which
    assert article_name("Trump", "Donald Trump and Donald Trump Jr. came.") == "Trump"
    # a full name is not an article's sentence opening: "But Pryce"
    assert article_name("Pryce", "But Pryce said no.") == "Pryce"


def test_article_name_keeps_the_titles_for_the_library_to_settle():
    assert article_name("Clinton", "“Yes,” Mrs. Clinton said.") == "Ms. Clinton"
    assert article_name("Clinton", "“Yes,” she said.", mention="she") == "Ms. Clinton"
    assert article_name("Obama", "“Yes,” President Obama said.") == "President Obama"
    assert article_name("Obama", "“Yes,” Obama said.", roles=["President"]) == "President Obama"
    assert article_name("Obama", "“Yes,” Obama said.") == "Obama"
    # names that are no lone surname come back as they are
    for name in ("Barack Obama", "Trump Jr.", "", "the White House"):
        assert article_name(name, "Barack Obama spoke.") == name


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20), st.text(max_size=200), st.one_of(st.none(), st.text(max_size=10)),
       st.lists(st.text(max_size=10), max_size=3))
def test_article_name_never_fails_and_keeps_the_family(name, text, mention, roles):
    out = article_name(name, text, mention, roles)
    assert isinstance(out, str)
    if name.strip():
        assert out.strip() and parse_name(out).family == parse_name(name).family


def test_a_bare_surname_joins_the_only_person_with_it():
    assert groups_of("Hillary Clinton", "Clinton") == {"Hillary Clinton": {"Hillary Clinton", "Clinton"}}


def test_donald_trump_and_donald_trump_jr_are_two_people():
    groups = groups_of("Donald Trump", "Donald J. Trump", "Donald Trump Jr.", "Trump", "Trump Jr.")
    assert groups == {"Donald Trump": {"Donald Trump", "Donald J. Trump", "Trump"},
                      "Donald Trump Jr.": {"Donald Trump Jr.", "Trump Jr."}}


def test_unknown_titles_in_front_of_a_full_name_join_it():
    groups = groups_of("Harry Reid", "Senate Minority Leader Harry Reid", "Reid")
    assert groups == {"Harry Reid": {"Harry Reid", "Senate Minority Leader Harry Reid", "Reid"}}


def test_middle_names_join_only_when_one_fuller_name_fits():
    assert groups_of("John Smith", "John Paul Smith", "John Henry Smith") == {
        "John Smith": {"John Smith"}, "John Paul Smith": {"John Paul Smith"},
        "John Henry Smith": {"John Henry Smith"}}


def test_organisations_join_only_on_the_same_name():
    groups = groups_of("the Pentagon", "Pentagon", "Pentagon Press Office", kind="organisation")
    assert set(map(frozenset, groups.values())) == {frozenset({"the Pentagon", "Pentagon"}),
                                                    frozenset({"Pentagon Press Office"})}


def test_a_one_word_organisation_does_not_join_a_person():
    infos = [NameInfo("Ford", "organisation", 3), NameInfo("Gerald Ford", "person", 2)]
    assert {g.name: g.kind for g in group_names(infos)} == {"Ford": "organisation",
                                                           "Gerald Ford": "person"}


def test_display_name_is_the_most_quoted_full_name_without_titles():
    groups = groups_of(("Donald Trump", 5), ("Donald J. Trump", 2), ("Trump", 40),
                       ("Republican Donald Trump", 1))
    assert list(groups) == ["Donald Trump"]


def test_a_pinned_name_from_a_correction_is_the_display_name():
    groups = groups_of(("Harry Reid", 5), ("Harry M. Reid", 1), pinned={"Harry M. Reid"})
    assert list(groups) == ["Harry M. Reid"]


def test_grouping_does_not_depend_on_order():
    names = ["Bill Clinton", "Hillary Clinton", "Clinton", "Hillary Rodham Clinton", "Chelsea Clinton",
             "Donald Trump", "Trump", "Donald Trump Jr.", "Senate Minority Leader Harry Reid",
             "Harry Reid", "Reid", "Blinken", "Antony Blinken", "Secretary Blinken",
             ("Donald J. Trump", 5), "Mr. Trump", "Ms. Clinton", "President Clinton", "Mr. Clinton",
             "Ed Rendell", "Edward G. Rendell", "Rendell", "Dick Durbin", "Richard Durbin"]
    expected = groups_of(*names)
    rng = random.Random(7)
    for _ in range(50):
        shuffled = names[:]
        rng.shuffle(shuffled)
        assert groups_of(*shuffled) == expected


def test_adding_a_second_clinton_takes_the_bare_surname_away_from_the_first():
    # the grouping is a function of the set of names: as the library grows a
    # surname can stop being unambiguous, and the store regroups its family
    assert "Clinton" in groups_of("Hillary Clinton", "Clinton")["Hillary Clinton"]
    assert groups_of("Hillary Clinton", "Clinton", "Bill Clinton")["Clinton"] == {"Clinton"}


def test_the_bare_surname_follows_the_quote_counts_as_they_change():
    # the same names over and over with other counts, as an ingest into a grown library
    # regroups a family: the counts alone move "Clinton" (a weak link) or leave it alone
    def clinton(bill, hillary):
        infos = [NameInfo("Bill Clinton", "person", bill), NameInfo("Hillary Clinton", "person", hillary),
                 NameInfo("Clinton", "person", 9)]
        return {g.name: (set(g.names), g.weak) for g in group_names(infos)}

    assert clinton(120, 119)["Bill Clinton"] == ({"Bill Clinton", "Clinton"}, ("Clinton",))
    assert clinton(120, 120)["Clinton"] == ({"Clinton"}, ())
    assert clinton(120, 121)["Hillary Clinton"] == ({"Hillary Clinton", "Clinton"}, ("Clinton",))
    assert clinton(121, 121)["Bill Clinton"] == ({"Bill Clinton"}, ())


FAMILY = ["Bill Clinton", "Hillary Clinton", "Hillary Rodham Clinton", "Clinton", "Mrs. Clinton",
          "President Clinton", "CLINTON", "Clinton Foundation", "Chelsea Clinton", "Clinton Jr."]
ROLES = [(), ("President",), ("Senator", "former Secretary")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FAMILY), st.sampled_from(["person", "organisation"]),
                          st.integers(1, 5), st.integers(1, 5), st.sampled_from(ROLES),
                          st.sampled_from(ROLES)),
                min_size=2, max_size=12, unique_by=lambda t: (t[0], t[1])))
def test_regrouping_the_same_names_with_other_counts_is_grouping_them_afresh(rows):
    # group_names keeps what the names alone decide (``_Shape``) and reuses it for the
    # same names with other counts: it must give what a first grouping gives, ties,
    # kinds that change majority, roles and display names included
    from quotetrack.library import speakers

    first = [NameInfo(name, kind, a, roles) for name, kind, a, _b, roles, _r in rows]
    then = [NameInfo(name, kind, b, roles) for name, kind, _a, b, _r, roles in rows]
    speakers._SHAPES.clear()
    group_names(first)
    reused = group_names(then)
    speakers._SHAPES.clear()
    assert reused == group_names(then)


@pytest.mark.parametrize("a, b", list(itertools.combinations(
    ["Bill Clinton", "Hillary Clinton", "Chelsea Clinton"], 2)))
def test_different_first_names_never_merge(a, b):
    assert len(groups_of(a, b)) == 2
