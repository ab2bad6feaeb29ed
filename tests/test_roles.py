"""Roles the engine reports for a speaker are tidy and not repeated."""

from quotetrack.engine.roles import clean_role, merge_roles


def test_abbreviated_titles_are_spelled_out():
    assert clean_role("Massachusetts Sen.") == "Massachusetts Senator"
    assert clean_role("Rep.") == "Representative"


def test_honorifics_and_possessive_fragments_are_not_roles():
    assert clean_role("Mr.") is None
    assert clean_role("NBC’s") is None


def test_a_fuller_role_absorbs_its_short_form():
    assert merge_roles(["US Secretary of State", "Secretary", "Secretary"]) == ("US Secretary of State",)


def test_distinct_roles_keep_their_order():
    assert merge_roles(["Sen.", "Democratic nominee"]) == ("Senator", "Democratic nominee")
