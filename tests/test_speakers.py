"""Grouping speaker names across articles (quotetrack.library.speakers), as pure functions."""

import itertools
import random

import pytest

from quotetrack.library.speakers import NameInfo, clean_name, group_names, parse_name


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


def test_bill_and_hillary_clinton_stay_apart_and_a_bare_clinton_joins_neither():
    groups = groups_of("Bill Clinton", "Hillary Clinton", "Hillary Rodham Clinton", "Clinton")
    assert groups == {"Bill Clinton": {"Bill Clinton"},
                      "Hillary Clinton": {"Hillary Clinton", "Hillary Rodham Clinton"},
                      "Clinton": {"Clinton"}}


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
             "Harry Reid", "Reid", "Blinken", "Antony Blinken", "Secretary Blinken"]
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


@pytest.mark.parametrize("a, b", list(itertools.combinations(
    ["Bill Clinton", "Hillary Clinton", "Chelsea Clinton"], 2)))
def test_different_first_names_never_merge(a, b):
    assert len(groups_of(a, b)) == 2
