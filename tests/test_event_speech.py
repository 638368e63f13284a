"""Who speaks and what they name: talks whose name pairs two states, "I" in a quoted statement,
pronoun subjects, "Meet" as a gathering, possessive anaphors, years that lie ahead, dates
after "since", transcripts and questions, and titles the parse cuts off a met person's name.
Every sentence here is invented for the test."""

from __future__ import annotations

import datetime as dt

import pytest
from event_text import countries, find, of_type, people

from etl.extract.events.context import is_transcript
from etl.facts import Event

PUBLISHED = dt.date(2023, 6, 14)  # a Wednesday


def events(text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
    return find(text, published)


# Talks whose name pairs two states --------------------------------------------------------


def test_two_paired_state_talks_in_one_sentence_are_two_calls_each_with_its_pair() -> None:
    found = events(
        "On May 3, the Japan-Egypt Foreign Ministers' Telephone Talk and the Japan-Jordan "
        "Foreign Ministers' Telephone Talk were held."
    )
    calls = of_type(found, "call")
    assert len(calls) == 2
    by_name = {e.name: e for e in calls}
    assert set(by_name) == {"Japan-Egypt phone call", "Japan-Jordan phone call"}
    assert countries(by_name["Japan-Egypt phone call"]) == {"JPN", "EGY"}
    assert countries(by_name["Japan-Jordan phone call"]) == {"JPN", "JOR"}
    assert all(e.start_date == dt.date(2023, 5, 3) for e in calls)


def test_a_paired_talk_is_named_in_the_order_its_name_gives() -> None:
    (e,) = events("The Egypt-Japan Foreign Ministers' Telephone Talk took place on May 3.")
    assert e.event_type == "call"
    assert e.name == "Egypt-Japan phone call"
    assert countries(e) == {"EGY", "JPN"}


def test_a_state_named_elsewhere_in_the_clause_is_not_a_side_of_the_paired_talk() -> None:
    (e,) = events(
        "At the Japan-Egypt Foreign Ministers' Telephone Talk on May 3, the ministers welcomed "
        "Qatar's mediation."
    )
    assert e.event_type == "call"
    assert countries(e) == {"JPN", "EGY"}


# "I" in a quoted statement ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"On Friday, I will visit Fiji, where I will meet Prime Minister the Hon Sitiveni '
        'Rabuka," Foreign Minister Penny Wong said in a statement.',
        'Foreign Minister Penny Wong said in a statement: "I will visit Fiji on Friday, and in '
        'Suva I will meet Prime Minister the Hon Sitiveni Rabuka."',
    ],
)
def test_i_in_a_quote_is_the_person_named_as_saying_it(text: str) -> None:
    found = events(text)
    (visit,) = of_type(found, "visit")
    assert people(visit) == {"Penny Wong"}
    assert visit.location_country_iso3 == "FJI"
    # The coming Friday after a Wednesday publication.
    assert (visit.start_date, visit.date_precision) == (dt.date(2023, 6, 16), "day")
    (meeting,) = of_type(found, "meeting")
    assert people(meeting) == {"Penny Wong", "Sitiveni Rabuka"}
    assert meeting.start_date == dt.date(2023, 6, 16)


def test_i_in_a_past_quote_is_the_speaker_after_it() -> None:
    (e,) = events(
        '"I met President William Ruto in Nairobi on Monday," Indian Foreign Minister '
        "Subrahmanyam Jaishankar told reporters."
    )
    assert e.event_type == "meeting"
    assert people(e) == {"Subrahmanyam Jaishankar", "William Ruto"}
    assert e.start_date == dt.date(2023, 6, 12)


@pytest.mark.parametrize(
    "text",
    [
        '"On Friday, I will visit Samoa, where I will meet Prime Minister the Hon Fiame Naomi '
        "Mata'afa.\"",
        'Fiji welcomed Prime Minister Anthony Albanese on Monday. "On Friday, I will visit '
        'Samoa," the statement read.',
    ],
)
def test_without_a_named_speaker_no_one_is_i(text: str) -> None:
    found = events(text)
    # No visitor is made up, and no one named nearby becomes the speaker.
    assert not any(people(e) for e in of_type(found, "visit"))
    assert all(len(people(e)) <= 1 for e in found)
    # Albanese is met by Fiji, but he is not the one who says "I will visit Samoa".
    assert not any("Anthony Albanese" in people(e) for e in of_type(found, "visit"))


# Pronoun subjects -------------------------------------------------------------------------


def test_a_pronoun_subject_wins_over_a_person_named_later_in_the_clause() -> None:
    found = events(
        "Indian Foreign Minister Subrahmanyam Jaishankar began an Africa tour on Monday. "
        "He visited Kenya, where he met President William Ruto."
    )
    (visit,) = of_type(found, "visit")
    assert people(visit) == {"Subrahmanyam Jaishankar"}
    assert visit.location_country_iso3 == "KEN"
    (meeting,) = of_type(found, "meeting")
    assert people(meeting) == {"Subrahmanyam Jaishankar", "William Ruto"}


# "Meet" as a gathering ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Defence Minister Rajnath Singh chaired the SCO Defence Ministers Meet in Mumbai "
        "on March 2.",
        "On March 2, defence ministers gathered for the SCO Defence Ministers Meet in Mumbai.",
    ],
)
def test_the_ministers_meet_is_a_conference(text: str) -> None:
    (e,) = events(text)
    assert e.event_type == "conference"
    assert e.name == "SCO Defence Ministers Meet"
    assert e.location_country_iso3 == "IND"
    assert e.start_date == dt.date(2023, 3, 2)


@pytest.mark.parametrize(
    "text",
    [
        "APEC Trade Leaders Meet in Lima on Tuesday",
        "Pacific Leaders Meet in Suva to Discuss Ocean Security",
    ],
)
def test_a_headlines_meet_is_a_verb_not_a_gathering(text: str) -> None:
    assert of_type(events(text), "summit", "conference", "forum") == []


# Possessive anaphors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        (
            "The leaders of Brazil and Argentina held the Mercosur Summit in Asuncion on Monday. "
            "Their summit ended with a joint declaration on trade.",
            "summit",
        ),
        (
            "The African Union held the Fourth Africa Energy Conference in Addis Ababa on "
            "Tuesday. Its conference closed with a call for investment.",
            "conference",
        ),
    ],
)
def test_a_possessive_gathering_points_back_at_the_named_one(text: str, etype: str) -> None:
    (e,) = of_type(events(text), "summit", "conference", "forum")
    assert e.event_type == etype
    assert len(e.mentions) == 2


# Years that lie ahead ---------------------------------------------------------------------

_MEETING = "Foreign Minister Mauro Vieira met Foreign Minister Yoko Kamikawa in Brasilia."


def _with_year_paragraph(sentence: str) -> str:
    return f"Brazil and Japan signed a visa waiver agreement on Monday.\n\n{sentence}\n\n{_MEETING}"


def test_a_planned_year_of_an_earlier_paragraph_is_not_inherited() -> None:
    text = _with_year_paragraph(
        "The two countries are preparing to mark the 50th anniversary of diplomatic relations "
        "in 2026."
    )
    (e,) = of_type(events(text, dt.date(2025, 6, 11)), "meeting")
    assert (e.start_date, e.date_precision) == (dt.date(2025, 1, 1), "year")


def test_a_past_year_of_an_earlier_paragraph_still_holds() -> None:
    text = _with_year_paragraph("The two countries restored direct flights in 2019.")
    (e,) = of_type(events(text, dt.date(2025, 6, 11)), "meeting")
    assert (e.start_date, e.date_precision) == (dt.date(2019, 1, 1), "year")


# A date after "since" ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Penny Wong paid her third visit to the Pacific since taking office "
        "last month.",
        '"My visit to Samoa is my third to the region since taking office last month," '
        "Foreign Minister Penny Wong told reporters in Apia.",
        "Penny Wong's visit to Samoa, the third since she took office last month, focused on "
        "climate finance.",
    ],
)
def test_a_date_after_since_does_not_date_the_occurrence_before_it(text: str) -> None:
    (e,) = events(text)
    assert e.event_type == "visit"
    assert people(e) == {"Penny Wong"}
    assert (e.start_date, e.date_precision) == (dt.date(2023, 1, 1), "year")


def test_the_same_date_without_since_dates_the_visit() -> None:
    (e,) = events("Foreign Minister Penny Wong visited Samoa last month.")
    assert (e.start_date, e.date_precision) == (dt.date(2023, 5, 1), "month")


# Transcripts and questions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("QUESTION: Will the minister travel to Japan?\n\nMR SILVA: Not this month.", True),
        ("Q: Is a visit planned?\nA: Not yet.", True),
        (
            "MR SILVA: Good afternoon.\n\nMS COSTA: Thank you.\n\nMR SILVA: Let us begin.",
            True,
        ),
        ("NEW DELHI: India and Japan signed a trade pact on Monday.", False),
        ("MR SILVA: Good afternoon.\n\nMS COSTA: Thank you.", False),
        ("India and Japan signed a trade pact on Monday.", False),
    ],
)
def test_a_transcript_is_told_by_its_turns(text: str, spoken: bool) -> None:
    assert is_transcript(text) is spoken


_TRANSCRIPT = (
    "QUESTION: Can you update us on relations with Japan?\n\n"
    "MR SILVA: Foreign Minister Mauro Vieira visited Japan on Monday.\n\n"
    "QUESTION: And earlier?\n\n"
    f"MR SILVA: {_MEETING}"
)
_NEWS = (
    "Relations with Japan are improving.\n\n"
    "Foreign Minister Mauro Vieira visited Japan on Monday.\n\n"
    f"{_MEETING}"
)


def test_in_a_transcript_an_undated_report_has_no_date() -> None:
    found = events(_TRANSCRIPT)
    (visit,) = of_type(found, "visit")
    assert visit.start_date == dt.date(2023, 6, 12)  # a day it names still dates it
    (meeting,) = of_type(found, "meeting")
    assert people(meeting) == {"Mauro Vieira", "Yoko Kamikawa"}
    assert (meeting.start_date, meeting.date_precision) == (None, None)


def test_in_a_news_text_the_same_report_has_the_publication_year() -> None:
    (meeting,) = of_type(events(_NEWS), "meeting")
    assert (meeting.start_date, meeting.date_precision) == (dt.date(2023, 1, 1), "year")


@pytest.mark.parametrize(
    "text",
    [
        "Did the ministers meet in Rome?",
        "Did Foreign Minister Antonio Tajani meet Foreign Minister Yoko Kamikawa in Rome on "
        "Monday?",
        '"Did Foreign Minister Antonio Tajani meet Foreign Minister Yoko Kamikawa in Rome on '
        'Monday?"',
    ],
)
def test_a_question_reports_nothing(text: str) -> None:
    assert events(text) == []


def test_the_answer_to_a_question_still_reports() -> None:
    (e,) = events(
        "Foreign Minister Antonio Tajani met Foreign Minister Yoko Kamikawa in Rome on Monday."
    )
    assert e.event_type == "meeting"
    assert e.start_date == dt.date(2023, 6, 12)


# A met person's name cut off its title ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "partner"),
    [
        # The parse hangs the name ("Will ...") off another word, outside the verb's clause.
        (
            '"I will be in Tonga on Friday, where I will meet Prime Minister the Hon Will Naupoto '
            'to discuss fisheries," Foreign Minister Winston Peters said in a statement.',
            "Winston Peters",
            "Will Naupoto",
        ),
        (
            '"On Friday, I will visit Palau, where I will meet President the Hon Will '
            'Ngiraingas," Foreign Minister Penny Wong said in a statement.',
            "Penny Wong",
            "Will Ngiraingas",
        ),
    ],
)
def test_the_partner_after_a_title_the_parse_cut_off_is_met(
    text: str, speaker: str, partner: str
) -> None:
    (meeting,) = of_type(events(text), "meeting")
    assert people(meeting) == {speaker, partner}
    assert meeting.start_date == dt.date(2023, 6, 16)


@pytest.mark.parametrize(
    ("text", "host", "partner", "day"),
    [
        (
            "On Friday, Foreign Minister Penny Wong will meet President the Hon Surangel Whipps "
            "in Koror.",
            "Penny Wong",
            "Surangel Whipps",
            dt.date(2023, 6, 16),
        ),
        (
            "Foreign Minister Winston Peters will meet Prime Minister the Hon Mark Brown in "
            "Rarotonga on Thursday.",
            "Winston Peters",
            "Mark Brown",
            dt.date(2023, 6, 15),
        ),
    ],
)
def test_the_partner_after_the_hon_is_met(text: str, host: str, partner: str, day: dt.date) -> None:
    (e,) = events(text)
    assert e.event_type == "meeting"
    assert people(e) == {host, partner}
    assert e.start_date == day
