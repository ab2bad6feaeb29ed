"""Reported speech: each form on sentences written for the test, and the
``extract --reported`` output."""

import json

from click.testing import CliRunner

import quotetrack
from quotetrack.cli import cli
from quotetrack.engine.reported import Statement, cue_type, extract_statements


def only(text: str) -> Statement:
    """The one statement of ``text``."""
    found = extract_statements(text)
    assert len(found) == 1, found
    return found[0]


def content(text: str, st: Statement) -> list[str]:
    return [text[s:e] for s, e in st.fragments]


def test_that_clause():
    text = "Mayor Anna Keller said that the bridge would reopen in May."
    st = only(text)
    assert (st.kind, st.speaker, st.cue.text, st.cue_type) == ("indirect", "Anna Keller", "said", "speech")
    assert content(text, st) == ["the bridge would reopen in May"]
    assert st.mention.text == "Mayor Anna Keller" or st.mention.text.endswith("Anna Keller")


def test_hearer_and_setting_before_that():
    text = "Anna Keller told reporters on Tuesday that the budget was balanced."
    st = only(text)
    assert content(text, st) == ["the budget was balanced"]
    assert (st.kind, st.speaker, st.cue.text) == ("indirect", "Anna Keller", "told")


def test_inverted_cue():
    text = "The rockets were launched from the east, the Pentagon said."
    st = only(text)
    assert content(text, st) == ["The rockets were launched from the east"]
    assert (st.kind, st.speaker, st.cue.text, st.cue_type) == ("indirect", "Pentagon", "said", "speech")


def test_according_to_before_the_clause():
    text = "According to the Pentagon, the rockets were launched from the east."
    st = only(text)
    assert content(text, st) == ["the rockets were launched from the east"]
    assert (st.kind, st.speaker, st.cue.text, st.cue_type) == ("indirect", "Pentagon", "According to", "speech")


def test_according_to_after_the_clause():
    text = "The rockets were launched from the east, according to the Pentagon."
    st = only(text)
    assert content(text, st) == ["The rockets were launched from the east"]
    assert (st.speaker, st.cue.text) == ("Pentagon", "according to")


def test_mixed_takes_in_its_quotation():
    text = "Anna Keller said the city would respond “in its own time and manner.”"
    st = only(text)  # the quotation is no separate direct statement
    assert st.kind == "mixed"
    assert content(text, st) == ["the city would respond “in its own time and manner.”"]
    assert (st.speaker, st.cue.text, st.cue_type) == ("Anna Keller", "said", "speech")


def test_split_direct_quote_is_one_statement():
    text = "“We will rebuild,” Anna Keller said, “and we will do it quickly.”"
    st = only(text)
    assert st.kind == "direct"
    assert content(text, st) == ["We will rebuild,", "and we will do it quickly."]
    assert (st.speaker, st.cue.text, st.cue_type) == ("Anna Keller", "said", "speech")
    assert st.to_dict()["content"]["fragments"] == [list(f) for f in st.fragments]


def test_direct_statements_are_the_quotes_of_extract():
    text = ("Anna Keller met Tom Berg on Monday. “We will rebuild,” Keller said. "
            "Berg said the plan was “a fantasy.” “It cannot work,” he added.")
    direct = [(s.start, s.end, s.speaker) for s in extract_statements(text) if s.kind == "direct"]
    quotes = [(q.start, q.end, q.speaker) for q in quotetrack.extract(text)]
    mixed = [s for s in extract_statements(text) if s.kind == "mixed"]
    assert len(mixed) == 1 and mixed[0].speaker == "Tom Berg"
    assert direct == [q for q in quotes if not (mixed[0].start <= q[0] < mixed[0].end)]


def test_clause_around_the_cue():
    text = "The bridge, Anna Keller said, would reopen in May."
    st = only(text)
    assert content(text, st) == ["The bridge", "would reopen in May"]
    assert st.speaker == "Anna Keller"


def test_nested_report_stays_in_the_outer_statement():
    text = "Anna Keller said Tom Berg believes that the bridge is safe."
    st = only(text)
    assert content(text, st) == ["Tom Berg believes that the bridge is safe"]
    assert (st.speaker, st.cue.text, st.cue_type) == ("Anna Keller", "said", "speech")


def test_attitude_cue():
    text = "Tom Berg believes the bridge is safe."
    st = only(text)
    assert content(text, st) == ["the bridge is safe"]
    assert (st.kind, st.speaker, st.cue.text, st.cue_type) == ("indirect", "Tom Berg", "believes", "attitude")
    text = "Anna Keller hopes the council will approve the plan."
    st = only(text)
    assert (st.cue.text, st.cue_type, content(text, st)) == ("hopes", "attitude", ["the council will approve the plan"])


def test_speech_and_attitude_cue_types():
    assert [cue_type(c) for c in ("said", "told", "according to", "warned", "tweeted", "in a statement")] == \
        ["speech"] * 6
    assert [cue_type(c) for c in ("believes", "thinks", "wants", "hopes", "fears", "expects", "plans",
                                  "agreed", "refused")] == ["attitude"] * 9


def test_evidence_without_a_speaker_is_no_statement():
    assert extract_statements("The poll shows the mayor is ahead.") == []
    assert extract_statements("The study found that prices rose.") == []


def test_no_statement_and_bad_input():
    assert extract_statements("") == []
    assert extract_statements("The bridge reopened in May.") == []
    try:
        extract_statements(None)
    except TypeError:
        pass
    else:
        raise AssertionError("a non-str must raise TypeError")


def test_cli_extract_reported_output_shape(tmp_path):
    article = tmp_path / "a.txt"
    text = ("The rockets were launched from the east, the Pentagon said.\n\n"
            "“We will rebuild,” Anna Keller said, “and we will do it quickly.”\n")
    article.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--reported", "--nl"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.output.strip())
    assert set(obj) == {"id", "text", "attributions"} and obj["text"] == text
    kinds = [a["kind"] for a in obj["attributions"]]
    assert kinds == ["indirect", "direct"]
    for a in obj["attributions"]:
        c = a["content"]
        assert text[c["start"]:c["end"]] == c["text"]
        for key in ("source", "cue"):
            assert text[a[key]["start"]:a[key]["end"]] == a[key]["text"]
        assert a["cue_type"] in {"speech", "attitude"}
        assert isinstance(a["speaker_resolved"], bool)
    assert obj["attributions"][1]["content"]["fragments"][0][0] == obj["attributions"][1]["content"]["start"]
    # without --reported the output is the gold quote format, as before
    plain = CliRunner().invoke(cli, ["extract", str(article), "--nl"])
    assert "quotes" in json.loads(plain.output.strip())


def test_people_counted_or_named_by_a_plural_noun_speak_as_nobody_in_particular():
    text = "Among shop owners, 41 percent said they would raise prices."
    st = only(text)
    assert (st.kind, st.speaker, st.mention.text, content(text, st)) == (
        "indirect", None, "41 percent", ["they would raise prices"])
    text = "But landlords say the new rent cap will drive them out."
    st = only(text)
    assert (st.speaker, st.mention.text, st.cue.text) == (None, "landlords", "say")
    assert content(text, st) == ["the new rent cap will drive them out"]
    # a count with a verb of evidence is no speaker: "the figures show" stays out
    assert extract_statements("Around 41 percent show signs of the disease.") == []


def test_a_report_ends_where_the_narrator_goes_on():
    text = ("Mayor Anna Keller said the bridge would reopen in May, although she gave no date "
            "for the tunnel.")
    assert content(text, only(text)) == ["the bridge would reopen in May"]
    text = "Tom Ashby denied the claims through his lawyer, calling them a smear."
    first, second = extract_statements(text)
    assert content(text, first) == ["the claims through his lawyer"]
    assert (second.cue.text, second.speaker) == ("calling", "Tom Ashby")
    # a report inside a relative clause closes with it
    text = "Keller, who announced a new budget on Monday, will travel to Rome."
    st = only(text)
    assert (st.speaker, content(text, st)) == ("Keller", ["a new budget on Monday"])


def test_a_phrase_before_the_subject_sets_the_scene():
    text = "On Sunday, Anna Keller, the city's mayor, called on landlords to freeze rents."
    st = only(text)
    assert (st.speaker, content(text, st)) == ("Anna Keller", ["landlords to freeze rents"])


def test_after_a_quotation_the_words_after_its_cue_are_the_setting():
    text = "\"We will finish the bridge,\" Anna Keller said on Tuesday at a meeting in the town hall."
    assert [s.kind for s in extract_statements(text)] == ["direct"]
    # unless a clause of its own follows
    text = "\"We will finish the bridge,\" Anna Keller told reporters that the tunnel would wait."
    kinds = [(s.kind, s.text) for s in extract_statements(text)]
    assert ("indirect", "the tunnel would wait") in kinds


def test_a_stance_towards_a_person_or_a_plan_is_an_attitude():
    text = "Senator Ruth Okafor endorsed the rail plan on Friday."
    st = only(text)
    assert (st.cue.text, st.cue_type, st.speaker) == ("endorsed", "attitude", "Ruth Okafor")
    assert content(text, st)[0].startswith("the rail plan")


def test_a_cue_after_its_clause_with_a_long_subject():
    text = "The ferry will sail again on Monday, the harbour authority's chief spokesman said."
    st = only(text)
    assert content(text, st) == ["The ferry will sail again on Monday"]
    assert st.mention.text.endswith("spokesman")


def statements(text: str) -> list[tuple[str, list[str], str | None]]:
    """(cue, content fragments, speaker) of every statement of ``text``."""
    return [(s.cue.text if s.cue else None, content(text, s), s.speaker) for s in extract_statements(text)]


def test_a_count_of_people_is_a_subject():
    # a percentage, a count set off by commas, "one in five": the verb is the base form
    text = "Some 42% say the harbour plan is too costly."
    assert statements(text) == [("say", ["the harbour plan is too costly"], None)]
    text = "A third of the tenants, 33%, say they would move out."
    assert statements(text) == [("say", ["they would move out"], None)]
    text = "Among older residents, one in five say the ferry should stay."
    assert statements(text) == [("say", ["the ferry should stay"], None)]
    # "one" counts nothing: "In one post, Keller said: ..." reads the post's author
    text = "In one post, Anna Keller said the ferry should stay."
    assert statements(text) == [("said", ["the ferry should stay"], "Anna Keller")]


def test_a_plural_subject_of_people_with_words_that_modify_it():
    text = "Supporters of the harbour plan argued that the ferry costs too much."
    assert statements(text) == [("argued", ["the ferry costs too much"], None)]
    # the organisation inside the modifier does not speak: the supporters do
    text = "Residents who have heard from the Harbour Trust say the rent will rise."
    assert statements(text) == [("say", ["the rent will rise"], None)]
    text = "Three current and former Harbour Trust employees said the audit was rushed."
    assert statements(text) == [("said", ["the audit was rushed"], None)]


def test_a_verb_of_saying_may_close_its_clause():
    text = "The ferry will stop in March, officials say."
    assert statements(text) == [("say", ["The ferry will stop in March"], None)]


def test_a_name_after_a_comma_and_a_cue_is_an_inverted_subject():
    text = ("The ferry has a loyal following on both shores, said Mira Olsen, director of the "
            "Harbour Institute at the state university.")
    assert statements(text) == [("said", ["The ferry has a loyal following on both shores"], "Mira Olsen")]
    # an inverted reading is no reading when a clause follows the name
    text = "Another council ally, Deputy Mayor Tom Berg, told the Gazette that the vote was close."
    assert statements(text) == [("told", ["the vote was close"], "Tom Berg")]


def test_the_topic_of_a_verb_of_saying_after_its_preposition():
    text = "Mira Olsen warned against the forces of neglect in the port."
    assert statements(text) == [("warned", ["the forces of neglect in the port"], "Mira Olsen")]
    text = "Tom Berg spoke to the Gazette about the ferry timetable."
    assert statements(text) == [("spoke", ["the ferry timetable"], "Tom Berg")]
    text = "Harbour tenants have long called for a second ferry."
    assert statements(text) == [("called", ["a second ferry"], None)]
    # a noun after "the" is no verb: "the calls for reform grew" reports nothing
    assert extract_statements("The calls for reform grew louder all winter.") == []


def test_a_speakers_label_opens_a_transcript_line_or_a_headline():
    text = ("Keller: Ferry subsidy will end in spring\n"
            "HOST: Do you think the ferry can survive without the subsidy?\n"
            "BERG: I think it can, if the port helps.\n"
            "Mayor Anna Keller spoke to the host, Jo Host, and to councillor Tom Berg.")
    found = statements(text)
    assert found[:3] == [(":", ["Ferry subsidy will end in spring"], "Anna Keller"),
                         (":", ["Do you think the ferry can survive without the subsidy"], "Jo Host"),
                         (":", ["I think it can, if the port helps"], "Tom Berg")]
    # a section label names nobody the article names again
    assert statements("Football: Harbour United won the cup final on Sunday.") == []
    assert statements("BREAKING: The ferry service has been cancelled tonight.") == []


def test_a_question_put_by_someone_unnamed():
    text = "Asked whether the ferry would survive, Anna Keller smiled."
    st = extract_statements(text)[0]
    assert (st.cue.text, content(text, st), st.speaker, st.mention) == (
        "Asked", ["whether the ferry would survive"], None, None)
    assert len(extract_statements(text)) == 1  # one clause, one statement


def test_according_to_scopes_over_its_whole_clause():
    text = "Ticket sales, according to the Harbour Trust, have doubled since May."
    st = only(text)
    assert content(text, st) == ["Ticket sales", "have doubled since May"]
    assert st.speaker == "Harbour Trust"
    # the report inside it stays in it
    text = "For two years, Keller has said the ferry pays its way, according to the Gazette."
    st = only(text)
    assert content(text, st) == ["For two years, Keller has said the ferry pays its way"]


def test_a_quotation_closing_on_a_full_stop_ends_its_sentence():
    text = "Tom Berg was blunt: “It will not work.” He said the subsidy would end in spring."
    assert [(c, f) for c, f, _ in statements(text)][-1] == ("said", ["the subsidy would end in spring"])
    text = "Berg posted: “The ferry stays.” This promise, the Gazette claimed, breaks the budget."
    assert statements(text)[-1] == ("claimed", ["This promise", "breaks the budget"], "Gazette")


def test_a_relative_pronoun_stands_for_the_people_who_speak():
    text = "The survey counts tenants who said they would move out."
    assert statements(text) == [("said", ["they would move out"], None)]
    text = "Anna Keller, who said the ferry would stay, left early."
    assert statements(text) == [("said", ["the ferry would stay"], "Anna Keller")]


def test_a_verb_of_saying_after_an_auxiliary():
    text = "Deputy Mayor Tom Berg wouldn't say on Tuesday how the council would vote."
    assert statements(text) == [("say", ["how the council would vote"], "Tom Berg")]
    # an auxiliary before a verb that reports nothing: "could start"
    assert extract_statements("The new ferry could start this week.") == []


def test_a_clause_before_a_cue_in_the_middle_is_reported_a_scene_is_not():
    text = "If the port closes, Keller said, the ferry must stop."
    assert statements(text) == [("said", ["If the port closes", "the ferry must stop"], "Keller")]
    text = "During her years in office, Keller said, the ferry never stopped."
    assert statements(text) == [("said", ["the ferry never stopped"], "Keller")]


def test_a_verb_of_saying_after_to_is_the_subjects():
    text = "Mira Olsen used her speech to call for a second ferry."
    assert statements(text) == [("call", ["a second ferry"], "Mira Olsen")]
    text = "Mira Olsen went off script to comment on the harbour plan."
    assert statements(text) == [("comment", ["the harbour plan"], "Mira Olsen")]
    # an object before "to" says it, not the subject: no guess at the subject
    assert all(sp != "Mira Olsen" for cue, _, sp in statements("Mira Olsen urged Berg to explain the deal.")
               if cue == "explain")


def test_verbs_that_report_words_only_before_a_quotation_or_that():
    assert extract_statements("Mira Olsen began to find her voice in the final week.") == []
    text = "Mira Olsen maintained that the ferry pays its way."
    assert statements(text) == [("maintained", ["the ferry pays its way"], "Mira Olsen")]


def test_a_relative_clause_reports_what_it_hangs_on():
    text = "The council opened an inquiry the harbour police said was still open in May."
    assert statements(text) == [("said", ["an inquiry the harbour police said was still open in May"], None)]


def test_a_cue_closing_its_sentence_reports_the_whole_clause_before_it():
    text = ("As the ferry heads into winter, a season that Keller hoped to skip, the timetable will be thin, "
            "said Tom Berg, a harbour pilot.")
    assert statements(text) == [("said", [text[:text.index(", said")]], "Tom Berg")]


def test_a_quantifier_or_an_aside_before_the_verb():
    text = "Others, however, say the ferry is too slow."
    assert statements(text) == [("say", ["the ferry is too slow"], None)]
    text = "That timetable, many argue, could sink the ferry."
    assert statements(text) == [("argue", ["That timetable", "could sink the ferry"], None)]


def test_the_narrator_goes_on_after_but_a_dash_or_a_new_subject():
    text = "Keller said the ferry would stay, but she is not sure the port agrees."
    assert statements(text)[0] == ("said", ["the ferry would stay"], "Keller")
    text = "Keller says she will vote for the plan but has withheld her endorsement."
    assert statements(text)[0] == ("says", ["she will vote for the plan"], "Keller")
    text = "Berg said he saw no difference between the two boats - noting that both were late."
    assert statements(text)[0] == ("said", ["he saw no difference between the two boats"], "Berg")


def test_a_participle_after_a_comma_shares_the_sentences_subject():
    text = "A crowd of harbour workers had gathered at the pier, calling for a second ferry."
    assert statements(text) == [("calling", ["a second ferry"], None)]
    text = "Senator Ayotte calls for an end to the ferry subsidy."
    assert statements(text) == [("calls", ["an end to the ferry subsidy"], "Ayotte")]


def test_poll_speak_one_word_answers_and_verbs_that_bound_nothing():
    text = "Harbour voters are more likely to say that the ferry should stay."
    assert statements(text) == [("say", ["the ferry should stay"], None)]
    text = "Berg said the ferry stopped in May, but Berg did not say why."
    assert statements(text)[-1] == ("say", ["why"], "Berg")
    text = "Keller said that if the port closes, she will start looking for a buyer."
    assert statements(text) == [("said", ["if the port closes, she will start looking for a buyer"], "Keller")]


def test_a_parenthesis_between_the_subject_and_its_verb():
    text = "Marta Olsen, 52, a ferry pilot, said the harbour lights had failed twice."
    assert statements(text) == [("said", ["the harbour lights had failed twice"], "Marta Olsen")]
    text = "The port director -- who has run the harbour for a decade -- said the dredging would start in June."
    assert statements(text) == [("said", ["the dredging would start in June"], None)]
    text = "Olsen, who calls the timetable “a mess,” said she would write to the council."
    assert statements(text)[-1] == ("said", ["she would write to the council"], "Olsen")


def test_a_bracket_between_the_subject_and_its_verb():
    text = "Marta Olsen (a pilot so young she was once taken for a deckhand) says the lights had failed."
    assert statements(text) == [("says", ["the lights had failed"], "Marta Olsen")]


def test_including_after_a_comma_goes_on_with_the_report():
    # "including" is a preposition here, not a participle opening the narrator's aside
    text = "Keller said the council would cut three routes, including the night ferry to Lund."
    assert statements(text) == [("said", ["the council would cut three routes, including the night ferry to Lund"],
                                 "Keller")]


def test_a_comma_inside_a_number_sets_nothing_off():
    text = "While one registry says there are 2,400 ferries in the country, another says there are 1,800."
    assert statements(text)[0] == ("says", ["there are 2,400 ferries in the country"], None)


def test_a_second_participle_after_and_is_the_subjects_own():
    text = "Keller spoke for an hour, praising the new ferry and promising lower fares."
    assert statements(text)[0] == ("praising", ["the new ferry"], "Keller")
    # a gerund after a preposition inside the report is what the second one goes with
    text = "Keller spoke for an hour, praising plans like widening the pier and building a ramp."
    assert statements(text)[0] == ("praising", ["plans like widening the pier and building a ramp"], "Keller")


def test_an_adverb_before_a_count_is_no_part_of_the_subject():
    text = "Only 31 percent said the ferry should keep running at night."
    assert statements(text) == [("said", ["the ferry should keep running at night"], None)]
    text = "Just over a quarter, 27 percent, say the fares are too high."
    assert statements(text) == [("say", ["the fares are too high"], None)]


def test_a_participle_shares_a_described_subject():
    text = "The port officials declined to give figures, saying the audit was not finished."
    assert statements(text)[-1] == ("saying", ["the audit was not finished"], None)
    text = "In June, a county judge sided with the ferry workers, saying the contract was void."
    assert statements(text) == [("saying", ["the contract was void"], None)]


def test_the_hearer_of_a_closing_told():
    text = "The ferry will stop running in May, Keller told a Senate panel Monday."
    assert statements(text) == [("told", ["The ferry will stop running in May"], "Keller")]
    text = "The ferry will stop running in May, Keller told HARBOURWATCH."
    assert statements(text) == [("told", ["The ferry will stop running in May"], "Keller")]
    # a thing told is no hearer: the clause before is the scene, not a report
    text = "On Friday, after a long day at the harbour, Keller told a joke."
    assert all(c != ["On Friday, after a long day at the harbour"] for _, c, _ in statements(text))


def test_asked_whom():
    text = "When asked whom she would back, Keller said she had not decided."
    assert statements(text)[0] == ("asked", ["whom she would back"], None)


def test_states_after_a_count_is_the_noun():
    text = "Voters in 11 states will cast ballots on the ferry plan."
    assert statements(text) == []
    text = "Keller will state that the ferry is safe."
    assert statements(text) == [("state", ["the ferry is safe"], "Keller")]


def test_suggests_that_after_a_thing_reports_with_no_speaker():
    text = "A new harbour survey suggests that the ferry is losing riders."
    assert statements(text) == [("suggests", ["the ferry is losing riders"], None)]
    text = "A new harbour survey shows that the ferry is losing riders."
    assert statements(text) == []


def test_according_to_after_a_relative_clause_attests_that_clause():
    text = "The council approved the ferry budget, which rose by a third this year, according to the harbour office."
    assert statements(text) == [("according to", ["which rose by a third this year"], None)]
    text = "The harbour office, which runs the ferry, spent $2 million on fuel, according to the council."
    assert statements(text)[0][1] == ["The harbour office, which runs the ferry, spent $2 million on fuel"]


def test_another_with_its_noun_left_out_is_a_subject():
    text = "One agency says the pier is safe, but another says the pier must close."
    assert statements(text)[-1] == ("says", ["the pier must close"], None)


def test_reportedly_marks_its_clause_as_a_report_by_no_one_named():
    text = "In March, the harbour office reportedly spent $2 million on fuel."
    assert statements(text) == [("reportedly", ["the harbour office reportedly spent $2 million on fuel"], None)]
    text = "With the mayor reportedly weighing a second ferry, the council met on Monday."
    assert statements(text) == [("reportedly", ["the mayor reportedly weighing a second ferry"], None)]
    # a report inside a report: the outer statement holds it
    text = "Keller said the ferry was reportedly losing money."
    assert statements(text) == [("said", ["the ferry was reportedly losing money"], "Keller")]


def test_a_name_joined_by_and_to_the_subject_speaks_too():
    text = "Mayor Anna Keller and the harbour board said the ferry would keep running."
    assert statements(text) == [("said", ["the ferry would keep running"], "Anna Keller")]
    text = "Anna Keller and Marta Olsen said the ferry would keep running."
    assert statements(text) == [("said", ["the ferry would keep running"], "Anna Keller and Marta Olsen")]


def test_a_noun_of_saying_after_a_names_possessive():
    text = "Mayor Keller's comments about the night ferry drew sharp criticism."
    assert statements(text) == [("comments about", ["the night ferry"], "Keller")]
    text = "Anna Keller's call for a second ferry went unheeded."
    assert statements(text) == [("call for", ["a second ferry"], "Anna Keller")]
    # the verb is no noun, and a possessor that is no name names no one
    text = "Keller claims the night ferry is safe."
    assert statements(text) == [("claims", ["the night ferry is safe"], "Keller")]
    text = "The board's call for a second ferry went unheeded."
    assert statements(text) == []


def test_echoed_is_a_verb_of_saying():
    text = "Mayor Keller echoed the harbour board's warning about the night ferry."
    assert statements(text) == [("echoed", ["the harbour board's warning about the night ferry"], "Keller")]


def test_saying_after_a_short_object_opens_a_report_of_its_own():
    text = "Mayor Keller echoed those complaints, saying the night ferry was unsafe."
    assert statements(text) == [("echoed", ["those complaints"], "Keller"),
                                ("saying", ["the night ferry was unsafe"], "Keller")]


def test_a_source_close_to_someone_is_the_subject_not_the_pronoun():
    text = "The ferry will stop in May, a source close to him said."
    assert statements(text) == [("said", ["The ferry will stop in May"], None)]


def test_those_a_poll_asked_are_a_subject():
    text = "By a wide margin, those surveyed say the night ferry should keep running."
    assert statements(text) == [("say", ["the night ferry should keep running"], None)]


def test_a_relative_pronoun_is_no_part_of_a_plural_subject():
    # "which riders described" is an aside inside the question, which goes on after it
    text = "Keller asked whether the ferry, which riders described as unsafe, would keep running."
    assert statements(text) == [("asked", ["whether the ferry, which riders described as unsafe, would keep running"],
                                 "Keller")]


def test_and_with_a_subject_of_its_own_ends_the_report():
    # ", and" before a pronoun or a definite noun phrase opens the narrator's next clause;
    # before "a" it adds an item to a list inside the report
    text = "Mayor Keller said the night ferry would stop in May, and she left the harbour soon after."
    assert statements(text) == [("said", ["the night ferry would stop in May"], "Keller")]
    text = "Mayor Keller said the ferry needed a new deck, a new engine, and a new crew."
    assert statements(text) == [("said", ["the ferry needed a new deck, a new engine, and a new crew"], "Keller")]


def test_a_subject_with_a_phrase_after_it_before_a_parenthesis():
    # "workers at the harbour": the phrase modifies the subject; the dashes set off a parenthesis
    text = "Many workers at the harbour — including nurses, cooks and students — said the night ferry was vital."
    assert statements(text) == [("said", ["the night ferry was vital"], None)]
    st = only(text)
    assert st.mention.text == "Many workers"


def test_an_event_of_speaking_after_the_report_is_its_setting():
    # "during a rally", "at a news conference", "in an interview": where the words were said,
    # not part of them ("the ferry's record in the debates" would be)
    text = "Mayor Keller praised the crew during a rally on Tuesday."
    assert statements(text) == [("praised", ["the crew"], "Keller")]
    text = "Mayor Keller criticized the harbour board at a news conference."
    assert statements(text) == [("criticized", ["the harbour board"], "Keller")]


def test_an_indefinite_appositive_closing_the_report_is_the_narrators_gloss():
    # after the report's last comma, "a/an ..." to the end glosses the report; after a name it
    # describes what the report names, and is part of it
    text = "Mayor Keller said the new pier would cost $5 million, a sum the harbour board cannot pay."
    assert statements(text) == [("said", ["the new pier would cost $5 million"], "Keller")]
    text = "Mayor Keller said the ferry would stop at Pier Nine, a wharf built in 1920."
    assert statements(text) == [("said", ["the ferry would stop at Pier Nine, a wharf built in 1920"], "Keller")]


def test_but_that_opens_a_second_clause_of_the_same_report():
    # "but that it would ...": the verb's second "that" clause; "but that is ...": a pronoun,
    # the narrator's new clause
    text = "Mayor Keller said the ferry was safe, but that it would need a new engine by May."
    assert statements(text) == [("said", ["the ferry was safe, but that it would need a new engine by May"], "Keller")]
    text = "Mayor Keller said the ferry was safe, but that is not what the crew believes."
    assert statements(text)[0] == ("said", ["the ferry was safe"], "Keller")


def test_a_comparison_with_as_after_a_comma_is_the_narrators():
    # "..., as have the pilots", "..., as the Gazette reported": the narrator compares or
    # credits another source; the report ends before it
    text = "Mayor Keller said the ferry must keep running, as have the harbour pilots."
    assert statements(text) == [("said", ["the ferry must keep running"], "Keller")]
    text = "Mayor Keller said the pier would close in May, as the Harbour Gazette reported on Monday."
    assert statements(text)[0] == ("said", ["the pier would close in May"], "Keller")


def test_an_absolute_clause_with_a_participle_after_the_report_is_the_narrators():
    text = "Mayor Keller said the ferry would keep running, with the harbour pilots working extra shifts."
    assert statements(text) == [("said", ["the ferry would keep running"], "Keller")]


def test_a_participle_after_a_preposition_modifies_a_noun_and_is_no_cue():
    # no finite verb follows a preposition: "in pledged delegates" names delegates
    assert statements("Mayor Keller leads the race in pledged delegates by a wide margin.") == []
    assert statements("Mayor Keller now holds 60 pledged delegates.") == []
    text = "Mayor Keller pledged to keep the night ferry running."
    assert statements(text) == [("pledged", ["to keep the night ferry running"], "Keller")]


def test_a_by_phrase_after_a_passive_cue_names_the_agent_and_is_no_report():
    # "was criticized by X", "Additional reporting by X": the agent, not what was said
    assert statements("The harbour plan was criticized by the Ferry Workers Union last spring.") == []
    assert statements("(Additional reporting by Ellen Marsh; editing by Tom Hale.)") == []
    # "by" with a gerund is the manner of the saying, and a "that" or "why" past the agent opens the report
    text = "Mayor Keller responded by saying the ferry would keep running."
    assert statements(text)[0][1] == ["by saying the ferry would keep running"]
    text = "Mayor Keller was asked by a caller why the night ferry had stopped."
    assert statements(text)[0][1] == ["why the night ferry had stopped"]
    # a passive aside: the report is the clause around it
    text = "The ferry campaign, first reported by the Harbour Gazette, would cost the city millions."
    assert statements(text)[0][1] == ["The ferry campaign", "would cost the city millions"]
