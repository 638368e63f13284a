"""Statements (GUIDELINES.md, statements) on invented sentences: direct quotations, reported
speech, "according to", transcripts, reproduced texts, nested attribution, speakers through
pronouns, descriptions and states, and what gives no statement. Every sentence is our own."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.extract.events.lexicon import words_of_kind
from etl.extract.extractor import extract_facts
from etl.extract.speech_cues import contact_verbs, cues
from etl.extract.statements.quotes import find_quotes
from etl.facts import Statement

PUBLISHED = dt.date(2023, 6, 14)  # a Wednesday


def statements(text: str, title: str | None = None) -> list[Statement]:
    facts = extract_facts(text, published_on=PUBLISHED, published_precision="day", title=title)
    for s in facts.statements:
        assert text[s.start : s.end] == s.content  # the content is verbatim, in the body
    return list(facts.statements)


def only(text: str, title: str | None = None) -> Statement:
    found = statements(text, title)
    assert len(found) == 1, [(s.speaker, s.content) for s in found]
    return found[0]


# Direct quotations --------------------------------------------------------------------------


def test_a_quotation_over_two_sentences_is_one_direct_statement() -> None:
    s = only(
        '"Our two countries have never been closer. We will keep building on that trust," '
        "Wang Yi said on Monday."
    )
    assert (s.speaker, s.speaker_kind, s.mode, s.cue) == ("Wang Yi", "person", "direct", "said")
    assert s.content == (
        "Our two countries have never been closer. We will keep building on that trust"
    )
    assert (s.stated_on, s.stated_precision) == (dt.date(2023, 6, 12), "day")


def test_a_quotation_split_around_its_cue_gives_both_parts_to_the_speaker() -> None:
    found = statements(
        '"The harbour agreement is a milestone," Antony Blinken said, "and it will outlast '
        'all of us."'
    )
    assert [(s.speaker, s.mode, s.content) for s in found] == [
        ("Antony Blinken", "direct", "The harbour agreement is a milestone"),
        ("Antony Blinken", "direct", "and it will outlast all of us"),
    ]


def test_a_quotation_after_a_colon_is_the_cues_content() -> None:
    s = only('Penny Wong made a plea: "Keep the ocean free of waste. Our children will thank us."')
    assert s.mode == "direct" and s.content.startswith("Keep the ocean free of waste.")
    assert s.content.endswith("Our children will thank us")


def test_a_quotation_closing_before_its_cue_on_the_next_line() -> None:
    s = only('"The lighthouse will shine again for every ship that passes,"\nWang Yi said.')
    assert s.mode == "direct" and s.content.startswith("The lighthouse will shine again")


def test_a_clause_with_a_quoted_fragment_is_reported_with_the_marks_as_printed() -> None:
    s = only(
        'Wang Yi urged the two neighbours to "settle their differences at the table" before '
        "the rainy season."
    )
    assert s.mode == "reported" and s.cue == "urged"
    assert s.content == (
        'the two neighbours to "settle their differences at the table" before the rainy season'
    )


def test_an_uncued_quotation_goes_on_with_the_speaker_of_its_paragraph() -> None:
    found = statements(
        'Penny Wong said the islands deserve a stronger voice. "We will stand with them in '
        'every forum. Their future is ours too."'
    )
    assert [(s.mode, s.speaker) for s in found] == [
        ("reported", "Penny Wong"),
        ("direct", "Penny Wong"),
    ]
    assert found[1].content.startswith("We will stand with them")


# Reported speech ----------------------------------------------------------------------------


def test_reported_speech_is_the_clause_the_cue_governs_without_that() -> None:
    s = only("Wang Yi stressed that the new railway would carry goods for the whole region.")
    assert (s.mode, s.cue) == ("reported", "stressed")
    assert s.content == "the new railway would carry goods for the whole region"


def test_only_the_cued_sentence_is_reported() -> None:
    s = only(
        "Wang Yi said that the new railway would open in May. Trains will run every hour. "
        "Fares will be low."
    )
    assert s.content == "the new railway would open in May"


def test_a_cue_after_its_content() -> None:
    s = only("The bridge will open to traffic in the spring, Wang Yi said.")
    assert (s.speaker, s.content) == ("Wang Yi", "The bridge will open to traffic in the spring")


def test_said_a_adding_that_b_is_two_statements() -> None:
    found = statements(
        "Wang Yi said China and Peru enjoy a deep friendship, adding that trade between the "
        "two countries has doubled."
    )
    assert [(s.cue, s.content) for s in found] == [
        ("said", "China and Peru enjoy a deep friendship"),
        ("adding", "trade between the two countries has doubled"),
    ]
    assert found[0].countries == ("CHN", "PER") and found[1].countries == ()


def test_welcomed_a_and_called_for_b_is_two_statements() -> None:
    found = statements(
        "Penny Wong welcomed the reopening of the consulate and called for more direct flights."
    )
    assert [(s.cue, s.content) for s in found] == [
        ("welcomed", "the reopening of the consulate"),
        ("called for", "more direct flights"),
    ]


def test_according_to() -> None:
    s = only(
        "The talks will resume in the autumn, according to the Ministry of Foreign Affairs of "
        "Japan."
    )
    assert (s.speaker, s.speaker_kind, s.cue) == (
        "Ministry of Foreign Affairs of Japan",
        "organization",
        "according to",
    )
    assert s.content == "The talks will resume in the autumn"


# Transcripts and reproduced texts -------------------------------------------------------------

PRESS_TITLE = "Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on June 13, 2023"
PRESS = (
    "Q: Wang Yi said the bridge project is behind schedule. What is your comment?\n\n"
    "A: The bridge project is progressing smoothly. Both sides are satisfied with the pace of "
    "construction.\n\n"
    "Q: Will the minister travel to Lima next week?\n\n"
    "A: We will release information in due course."
)


def test_a_transcripts_answers_are_the_titled_spokespersons_and_questions_hold_nothing() -> None:
    found = statements(PRESS, title=PRESS_TITLE)
    assert [(s.speaker, s.mode) for s in found] == [("Mao Ning", "direct")] * 2
    assert found[0].content.startswith("The bridge project is progressing smoothly.")
    assert found[1].content.startswith("We will release information")
    assert all(s.stated_on == PUBLISHED for s in found)


def test_a_speaker_named_only_in_the_title_is_one_of_the_documents_entities() -> None:
    facts = extract_facts(PRESS, published_on=PUBLISHED, title=PRESS_TITLE)
    spokesperson = [e for e in facts.entities if e.name == "Mao Ning"]
    assert len(spokesperson) == 1 and spokesperson[0].mentions == ()


def test_the_spokesperson_the_title_gives_the_press_conference_answers_whoever_else_it_names() -> (
    None
):
    found = statements(
        "Q: What is your response to the Speaker's remarks?\n\n"
        "A: Nancy Pelosi's remarks ignore the facts. We urge the US side to stop interfering.",
        title="Foreign Ministry Spokesperson Hua Chunying's Remarks on Nancy Pelosi's Comments",
    )
    assert [(s.speaker, s.mode) for s in found] == [("Hua Chunying", "direct")]


def test_speaker_labels_make_turns() -> None:
    found = statements(
        "MODERATOR: Our first question comes from the back.\n\n"
        "QUESTION: Will the talks resume?\n\n"
        "SECRETARY BLINKEN: They will, and soon. We have agreed on a venue.\n\n"
        "QUESTION: Where?\n\n"
        "SECRETARY BLINKEN: In Geneva, Antony Blinken's team said earlier."
        " Thank you.",
        title="Secretary Antony Blinken at a Press Availability",
    )
    assert [s.speaker for s in found] == ["Antony Blinken", "Antony Blinken"]
    assert found[0].content == "They will, and soon. We have agreed on a venue."


def test_a_text_issued_as_a_statement_is_one_direct_statement() -> None:
    s = only(
        "A spokesperson of the Ministry of Foreign Affairs of Japan issued the following "
        "statement today:\n\nThe Government welcomes the agreement reached by the parties. It "
        "calls on all sides to respect the ceasefire and to return to the table without delay."
    )
    assert (s.speaker, s.mode, s.cue) == (
        "Ministry of Foreign Affairs of Japan",
        "direct",
        "issued the following statement",
    )
    assert s.content.startswith("The Government welcomes") and s.content.endswith("delay.")
    assert s.stated_on == PUBLISHED


def test_a_speech_opening_with_an_address_is_the_titled_speakers() -> None:
    s = only(
        "Thank you, Chair.\n\nThe harbour project has brought our coasts together. We thank "
        "every partner who made it possible.",
        title="Statement by Penny Wong at the Pacific Islands Forum",
    )
    assert (s.speaker, s.mode) == ("Penny Wong", "direct")
    assert s.content.startswith("Thank you, Chair.") and s.content.endswith("possible.")


# Speakers -----------------------------------------------------------------------------------


def test_nested_attribution_goes_to_the_innermost_speaker() -> None:
    s = only(
        "The Ministry of Foreign Affairs of Japan said Antony Blinken welcomed the release of "
        "the detained journalists."
    )
    assert (s.speaker, s.cue, s.content) == (
        "Antony Blinken",
        "welcomed",
        "the release of the detained journalists",
    )


def test_a_cue_inside_another_speakers_clause_is_part_of_it() -> None:
    s = only(
        "Wang Yi stressed that China values the partnership and that Beijing hopes Peru will "
        "keep the port open."
    )
    assert s.speaker == "Wang Yi" and s.content.endswith("keep the port open")
    s = only("Wang Yi stressed that the port will stay open, as China has always promised.")
    assert s.speaker == "Wang Yi" and s.content.endswith("as China has always promised")


def test_a_relayed_launch_leaves_the_reporter_his_words() -> None:
    s = only(
        "Wang Yi said that Xi Jinping proposed the Global Development Initiative at the United "
        "Nations in 2021."
    )
    assert (s.speaker, s.cue) == ("Wang Yi", "said")
    assert s.content.startswith("Xi Jinping proposed the Global Development Initiative")


def test_a_verb_the_clause_coordinates_with_its_own_subject_stays_inside_it() -> None:
    s = only(
        "Qin Gang stressed that as the holidays approach, China pays close attention to the "
        "safety of its citizens in Peru, and hopes that Peru will keep the roads secure."
    )
    assert s.speaker == "Qin Gang" and s.content.endswith("will keep the roads secure")


def test_says_that_a_and_states_that_b_is_two_statements() -> None:
    found = statements(
        "Ambassador Neil Holland says that the shelling of the port is unacceptable and states "
        "that the UK is encouraged by the new truce."
    )
    assert [(s.speaker, s.cue, s.content) for s in found] == [
        ("Neil Holland", "says", "the shelling of the port is unacceptable"),
        ("Neil Holland", "states", "the UK is encouraged by the new truce"),
    ]


def test_a_quotation_glued_to_its_cue() -> None:
    s = only(
        "Prime Minister Narendra Modi said,“The harbour opens a new chapter for our coasts. "
        "We will build on it.”"
    )
    assert (s.speaker, s.mode, s.cue) == ("Narendra Modi", "direct", "said")
    assert s.content == "The harbour opens a new chapter for our coasts. We will build on it"
    found = statements(
        "Q: Narendra Modi said,“The harbour opens a new chapter for our coasts.” Your view?\n\n"
        "A: We have noted the remarks and welcome the harbour.",
        title=PRESS_TITLE,
    )
    assert [s.speaker for s in found] == ["Mao Ning"]  # nothing inside the question


def test_according_to_a_speech_by_a_person_is_that_persons() -> None:
    s = only(
        "Xi Jinping arrived in Lima on Tuesday. The two sides will also discuss the port, "
        "according to a written speech by Xi released upon his arrival."
    )
    assert (s.speaker, s.cue) == ("Xi Jinping", "according to")
    assert s.content == "The two sides will also discuss the port"


def test_the_speakers_own_occasion_closing_the_content_is_left_out() -> None:
    s = only(
        "Xi Jinping called for closer trade ties in his phone conversations with the leaders "
        "of Peru and Chile on Tuesday respectively."
    )
    assert s.content == "closer trade ties"
    assert s.stated_on == dt.date(2023, 6, 13)


def test_a_pronoun_speaks_for_the_person_last_spoken_of() -> None:
    found = statements(
        "Penny Wong arrived in Suva on Tuesday. She said the Pacific family must decide its "
        "own future."
    )
    s = found[-1]
    assert (s.speaker, s.speaker_surface) == ("Penny Wong", "She")
    assert s.content == "the Pacific family must decide its own future"


def test_a_description_speaks_for_the_official_who_holds_that_office() -> None:
    s = only(
        "Secretary of State Antony Blinken spoke today with Foreign Minister Wang Yi. The "
        "Secretary emphasized the importance of keeping lines of communication open."
    )
    assert (s.speaker, s.speaker_surface) == ("Antony Blinken", "The Secretary")
    assert s.stated_on == PUBLISHED and s.occasion is not None  # the call of today


def test_the_minister_is_not_the_prime_minister() -> None:
    found = statements(
        "External Affairs Minister Subrahmanyam Jaishankar arrived on Monday. Prime Minister "
        "Narendra Modi opened the summit. The minister said the summit had broken new ground."
    )
    assert [(s.speaker, s.speaker_surface) for s in found] == [
        ("Subrahmanyam Jaishankar", "The minister")
    ]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("China said the new shipping lane would be open to all nations.", "China"),
        ("Beijing said it opposes any unilateral change to the arrangement.", "Beijing"),
        ("The Chinese side stated that it was ready to resume the dialogue.", "The Chinese side"),
        (
            "The Chinese government said the shipping lane would stay open.",
            "The Chinese government",
        ),
    ],
)
def test_a_state_speaks_by_name_side_government_or_capital(text: str, surface: str) -> None:
    s = only(text)
    assert (s.speaker, s.speaker_kind, s.speaker_surface) == ("CHN", "country", surface)


@pytest.mark.parametrize(
    "text",
    [
        "Analysts said the meeting was a turning point.",
        "An official said the date had not been fixed.",
        "Sources familiar with the talks said a deal was close.",
    ],
)
def test_unnamed_sources_give_no_statement(text: str) -> None:
    assert statements(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The joint statement said the two countries would deepen cooperation on fisheries.",
        "The two sides agreed to meet again next year.",
        "Xi Jinping and Narendra Modi stressed that border peace must be maintained.",
        "The leaders reaffirmed their commitment to free trade.",
    ],
)
def test_joint_statements_and_several_speakers_give_no_statement(text: str) -> None:
    assert statements(text) == []


def test_speech_that_has_not_happened_gives_no_statement() -> None:
    assert statements("Wang Yi will say more about the plan on Friday.") == []
    assert statements("Wang Yi did not say when the talks would resume.") == []
    assert statements("Xi Jinping is expected to announce new measures at the summit.") == []


def test_proposing_an_initiative_by_name_is_a_launch_not_a_statement() -> None:
    assert statements("Xi Jinping proposed the Global Development Initiative in New York.") == []


def test_teasers_give_no_statement() -> None:
    text = (
        "The ministers met in Lima on Monday.\n\n"
        "Also read: Wang Yi says the port will open soon\n\n"
        "The talks lasted two hours."
    )
    assert statements(text) == []


# Dates, occasion, what the content names ----------------------------------------------------------


def test_a_statement_takes_the_date_of_its_occasion() -> None:
    s = only(
        "During his phone call with Antony Blinken on Tuesday, Wang Yi said the two sides "
        "should manage their differences."
    )
    assert (s.stated_on, s.stated_precision) == (dt.date(2023, 6, 13), "day")
    assert s.occasion is not None and "phone call" in s.occasion.text


def test_the_content_names_countries_and_initiatives() -> None:
    s = only("Wang Yi said Peru is welcome to join the Belt and Road Initiative, as Chile did.")
    assert set(s.countries) == {"PER", "CHL"}
    assert s.initiatives == ("Belt and Road Initiative",)


# The pieces ---------------------------------------------------------------------------------


def test_quotations_pair_curly_and_straight_marks_and_run_over_paragraphs() -> None:
    text = '“One,” he said. "Two," she said.\n\n“Three.\n\n“Four.”'
    spans = [text[q.start : q.end] for q in find_quotes(text)]
    assert spans == ["One,", "Two,", "Three.\n\n“Four."]


def test_a_quotation_the_page_cuts_off_runs_to_the_cut() -> None:
    text = 'She said: "We will never'
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "We will never"


def test_the_cue_list_gives_every_printed_form() -> None:
    said = [c for c in cues() if c.words == ("said",)]
    assert said and said[0].lemma == "say" and said[0].kind == "clause"
    assert any(c.words == ("pointed", "out") for c in cues())
    assert any(c.words == ("according", "to") and c.kind == "source" for c in cues())


def test_contact_detection_reads_its_speech_verbs_from_the_cue_list() -> None:
    spoken = {" ".join(w) for w in contact_verbs()}
    assert {"spoke", "talked", "phoned", "called"} <= spoken
    assert spoken == set(words_of_kind("speech"))
