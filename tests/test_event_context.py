"""What a trigger's context says about it: requirements that are met, crowds that visit,
gatherings hosted or met for, a schedule's present, dates that belong to an earlier trigger,
"summit meeting", coordinated predicates, upcoming gatherings without a day, contacts at a
dated gathering, counted meetings of "their" groups, a month in a gathering's description,
dated anaphors of another kind and years in transcripts. Every sentence here is invented for
the test."""

from __future__ import annotations

import datetime as dt

import pytest
from event_text import countries, find, of_type, people

from etl.extract.events.context import is_transcript
from etl.facts import Event

PUBLISHED = dt.date(2023, 6, 16)  # a Friday


def events(text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
    return find(text, published)


# Requirements are met, not people ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The new fund will help the region meet its climate targets by 2030.",
        "Japan and Vietnam agreed to meet their emission targets.",
        "Kenya and Brazil agreed on Tuesday to work together to meet their energy needs.",
    ],
)
def test_a_requirement_that_is_met_is_no_meeting(text: str) -> None:
    assert of_type(events(text), "meeting") == []


def test_a_person_who_is_met_is_still_a_meeting() -> None:
    (e,) = events("Foreign Minister Melanie Joly met the Prime Minister of Jamaica on Tuesday.")
    assert e.event_type == "meeting"
    assert countries(e) == {"CAN", "JAM"}
    assert e.start_date == dt.date(2023, 6, 13)


# Crowds do not visit ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Last year two million tourists visited Peru.",
        "Thousands of citizens visited Lisbon during the festival.",
        "Last year two million Chinese tourists visited Thailand.",
        "Some 5,000 Japanese citizens visited Brazil in April.",
        "Thousands of Indian students visited Australia in May.",
    ],
)
def test_a_crowd_that_visits_is_no_visit(text: str) -> None:
    assert events(text) == []


def test_a_minister_who_visits_is_a_visit() -> None:
    (e,) = events("Foreign Minister Mauro Vieira visited Peru on Tuesday.")
    assert e.event_type == "visit"
    assert countries(e) == {"BRA", "PER"}
    assert people(e) == {"Mauro Vieira"}


# Hosting or meeting for a gathering is that gathering --------------------------------------


def test_hosting_a_meeting_is_the_meeting_not_a_contact_with_its_states() -> None:
    (e,) = events("Canada hosted the third Canada-Chile Working Group meeting on June 8.")
    assert e.event_type != "meeting"
    assert e.name == "Third Canada-Chile Working Group meeting"
    assert countries(e) == {"CAN", "CHL"}
    assert e.start_date == dt.date(2023, 6, 8)


def test_meeting_for_a_named_dialogue_is_the_dialogue() -> None:
    (e,) = events(
        "Delegations met in Nairobi for the second Kenya-Brazil Energy Dialogue on February 17."
    )
    assert e.name == "Second Kenya-Brazil Energy Dialogue"
    assert countries(e) == {"KEN", "BRA"}
    assert (e.start_date, e.date_precision) == (dt.date(2023, 2, 17), "day")


def test_hosting_a_person_is_still_a_meeting() -> None:
    # ... and the guest's visit (issue 22 class 2).
    e, v = events(
        "Prime Minister Justin Trudeau hosted Chilean President Gabriel Boric in Ottawa on Tuesday."
    )
    assert e.event_type == "meeting"
    assert people(e) == {"Justin Trudeau", "Gabriel Boric"}
    assert countries(e) == {"CAN", "CHL"}
    assert (v.event_type, v.name) == ("visit", "Gabriel Boric's visit to Canada")


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Prime Minister Justin Trudeau hosted President Gabriel Boric in Ottawa on Tuesday.",
            {"Justin Trudeau", "Gabriel Boric"},
        ),
        (
            "Prime Minister Fumio Kishida received Foreign Minister Wang Yi of China on Tuesday.",
            {"Fumio Kishida", "Wang Yi"},
        ),
    ],
)
def test_hosting_a_person_named_with_a_title_is_a_meeting(text: str, pair: set[str]) -> None:
    # The title before the name may be parsed apart from it; it is still whom they received.
    (e,) = [m for m in events(text) if m.event_type != "visit"]
    assert e.event_type == "meeting"
    assert people(e) == pair
    assert (e.start_date, e.date_precision) == (dt.date(2023, 6, 13), "day")


# A schedule's present ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        (
            "Deputy Secretary Kurt Campbell attends President Biden's meeting with Prime "
            "Minister Anthony Albanese.",
            "meeting",
        ),
        ("Secretary Antony Blinken attends the 15th BRICS Summit in Johannesburg.", "summit"),
    ],
)
def test_a_schedules_present_of_taking_part_is_the_publication_day(
    text: str, event_type: str
) -> None:
    (e,) = of_type(events(text), event_type)
    assert (e.start_date, e.date_precision) == (PUBLISHED, "day")


def test_a_present_that_is_no_taking_part_is_not_the_publication_day() -> None:
    (e,) = events("China attaches great importance to the 15th BRICS Summit in Johannesburg.")
    assert e.event_type == "summit"
    assert (e.start_date, e.date_precision) != (PUBLISHED, "day")


# A date after an earlier trigger is that trigger's ----------------------------------------


def test_a_date_after_an_earlier_trigger_does_not_date_a_later_one() -> None:
    found = events(
        "Prime Minister Fumio Kishida met President Yoon Suk Yeol on the 12th, then attended "
        "the G7 Summit in Hiroshima."
    )
    (meeting,) = of_type(found, "meeting")
    assert (meeting.start_date, meeting.date_precision) == (dt.date(2023, 6, 12), "day")
    (summit,) = of_type(found, "summit")
    assert summit.start_date != dt.date(2023, 6, 12)


def test_a_date_fronted_before_every_trigger_dates_them_all() -> None:
    found = events(
        "On June 3, Prime Minister Fumio Kishida met President Yoon Suk Yeol and attended the "
        "20th Shangri-La Dialogue in Singapore."
    )
    assert {e.event_type for e in found} == {"meeting", "summit"}
    assert all((e.start_date, e.date_precision) == (dt.date(2023, 6, 3), "day") for e in found)


# "summit meeting" is one gathering --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Japan-U.S. summit meeting was held on the 12th.",
        "Prime Minister Fumio Kishida said the Japan-U.S. summit meeting on the 12th was "
        "productive.",
    ],
)
def test_a_summit_meeting_is_one_summit(text: str) -> None:
    (e,) = events(text)
    assert e.event_type == "summit"
    assert countries(e) == {"JPN", "USA"}
    assert (e.start_date, e.date_precision) == (dt.date(2023, 6, 12), "day")


# Coordinated predicates -------------------------------------------------------------------


def test_a_coordinated_predicate_shares_its_heads_date() -> None:
    found = events(
        "Prime Minister Anthony Albanese will visit Fiji on Friday, and in Suva will meet "
        "Prime Minister Sitiveni Rabuka."
    )
    (visit,) = of_type(found, "visit")
    (meeting,) = of_type(found, "meeting")
    assert visit.start_date == dt.date(2023, 6, 23)
    assert (meeting.start_date, meeting.date_precision) == (dt.date(2023, 6, 23), "day")
    assert people(meeting) == {"Anthony Albanese", "Sitiveni Rabuka"}


# Coming gatherings without a day ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Penny Wong will attend the upcoming East Asia Summit in Jakarta.",
        "Foreign Minister Penny Wong will travel to Jakarta for the forthcoming East Asia Summit.",
    ],
)
def test_a_gathering_called_upcoming_is_an_undated_event(text: str) -> None:
    (e,) = of_type(events(text), "summit")
    assert e.name == "East Asia Summit"
    assert (e.start_date, e.date_precision) == (None, None)


def test_a_gathering_called_upcoming_takes_no_year_from_the_narrative() -> None:
    found = events(
        "In 2021, Indonesia and Australia signed a defence pact.\n\n"
        "Foreign Minister Penny Wong will attend the upcoming East Asia Summit in Jakarta."
    )
    (e,) = of_type(found, "summit")
    assert (e.start_date, e.date_precision) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Indonesia will build on the ASEAN Regional Forum to deepen cooperation.",
        "The partners will draw on the East Asia Summit to advance maritime security.",
    ],
)
def test_a_gathering_only_in_a_future_clause_is_no_event(text: str) -> None:
    assert events(text) == []


# A contact at a dated gathering -----------------------------------------------------------


def test_a_contact_on_the_sidelines_of_a_dated_gathering_takes_its_date() -> None:
    found = events(
        "President Joe Biden also met President Xi Jinping on the sidelines of the 30th APEC "
        "Economic Leaders' Meeting in November."
    )
    (meeting,) = of_type(found, "meeting")
    assert people(meeting) == {"Joe Biden", "Xi Jinping"}
    assert (meeting.start_date, meeting.date_precision) == (dt.date(2022, 11, 1), "month")


def test_a_contact_with_a_date_of_its_own_keeps_it_at_a_dated_gathering() -> None:
    found = events(
        "On Tuesday, President Joe Biden met President Xi Jinping on the sidelines of the 30th "
        "APEC Economic Leaders' Meeting in November."
    )
    (meeting,) = of_type(found, "meeting")
    assert meeting.start_date == dt.date(2023, 6, 13)


# Counted meetings of "their" groups -------------------------------------------------------


def test_counted_meetings_of_their_groups_are_the_sentences_states() -> None:
    found = events(
        "China and Brazil held two rounds of dialogue, and four meetings of their trade "
        "working groups were held."
    )
    (e,) = of_type(found, "other")
    assert countries(e) == {"CHN", "BRA"}
    assert people(e) == set()
    assert (e.start_date, e.date_precision) != (PUBLISHED, "day")


# A month is no word of a gathering's name -------------------------------------------------


def test_a_gathering_described_with_its_month_is_the_one_described_without() -> None:
    found = events(
        "Envoys from 30 states attended the June gathering marking the 75th anniversary of "
        "the Geneva Conventions. The conference marking the 75th anniversary of the Geneva "
        "Conventions closed with a pledge."
    )
    (e,) = of_type(found, "conference", "summit")
    assert e.name.startswith("June gathering marking the 75th anniversary")
    assert (e.start_date, e.date_precision) == (dt.date(2023, 6, 1), "month")


# A dated anaphor of another kind ----------------------------------------------------------


def test_a_summit_with_its_own_date_does_not_join_a_ministers_meeting() -> None:
    # "the summit in November" points at no summit; it is not the foreign ministers' meeting,
    # so the states that discussed it are not that meeting's.
    (e,) = events(
        "The 56th ASEAN Foreign Ministers' Meeting took place in Jakarta on June 11. Indonesia "
        "and Malaysia discussed the summit in November."
    )
    assert e.name == "56th ASEAN Foreign Ministers' Meeting"
    assert e.start_date == dt.date(2023, 6, 11)
    assert countries(e) == set()


def test_a_named_summit_with_its_own_date_does_not_join_a_ministers_meeting() -> None:
    # "the November summit" stands for a summit of its own, not for the ministers' meeting.
    found = events(
        "The 56th ASEAN Foreign Ministers' Meeting took place in Jakarta on June 11. Indonesia "
        "and Malaysia discussed the November summit."
    )
    ministers = next(e for e in found if "Foreign Ministers" in e.name)
    assert ministers.start_date == dt.date(2023, 6, 11)
    assert countries(ministers) == set()


def test_an_undated_summit_anaphor_still_joins_the_ministers_meeting() -> None:
    (e,) = events(
        "The 56th ASEAN Foreign Ministers' Meeting took place in Jakarta on June 11. Later, "
        "Indonesia and Malaysia discussed the summit."
    )
    assert e.name == "56th ASEAN Foreign Ministers' Meeting"
    assert countries(e) == {"IDN", "MYS"}


# Years in a transcript --------------------------------------------------------------------

_MEETING = (
    "Foreign Minister Santiago Cafiero met Foreign Minister Alberto van Klaveren in Santiago."
)


def test_in_a_transcript_a_year_from_an_earlier_turn_is_not_inherited() -> None:
    text = (
        "QUESTION: What about ties with Chile?\n\n"
        "MS ROCHA: In 2021, Argentina and Chile signed a border accord.\n\n"
        "QUESTION: And the ministers?\n\n"
        f"MS ROCHA: {_MEETING}"
    )
    assert is_transcript(text)
    found = events(text)
    (signing,) = of_type(found, "signing")
    assert (signing.start_date, signing.date_precision) == (dt.date(2021, 1, 1), "year")
    (meeting,) = of_type(found, "meeting")
    assert (meeting.start_date, meeting.date_precision) == (None, None)


def test_in_a_news_text_a_year_from_an_earlier_paragraph_is_inherited() -> None:
    text = (
        "Ties with Chile are close.\n\n"
        "In 2021, Argentina and Chile signed a border accord.\n\n"
        f"{_MEETING}"
    )
    assert not is_transcript(text)
    (meeting,) = of_type(events(text), "meeting")
    assert (meeting.start_date, meeting.date_precision) == (dt.date(2021, 1, 1), "year")


# A topic's closing year ---------------------------------------------------------------------


def test_a_year_closing_a_gatherings_topic_does_not_date_it() -> None:
    # The parse hangs "in 2022" on "symposium", but it ends the topic: the symposium was held
    # this year.
    (e,) = events(
        "Foreign Minister Mauro Vieira made the remarks at a symposium on the international "
        "situation and Brazil's foreign relations in 2022."
    )
    assert e.event_type == "conference"
    assert e.start_date is not None and e.start_date.year == 2023


def test_a_year_of_its_own_still_dates_a_gathering() -> None:
    (e,) = events("Foreign Minister Mauro Vieira spoke at a seminar in Brasilia in 2022.")
    assert (e.start_date, e.date_precision) == (dt.date(2022, 1, 1), "year")


# A visit's programme ------------------------------------------------------------------------

_ARRIVAL = "Prime Minister Anwar Ibrahim arrived here today for a two-day official visit. "


def test_a_visits_programme_is_dated_by_the_visit() -> None:
    # The arrival dates the visit it begins ("today"), and the visit dates its programme.
    found = events(
        _ARRIVAL + "He will hold a meeting with Prime Minister Lee Hsien Loong and the two "
        "leaders will witness the signing of three agreements.",
    )
    (meeting,) = of_type(found, "meeting")
    (signing,) = of_type(found, "signing")
    assert "Lee Hsien Loong" in people(meeting)
    # A programme spans the visit's days: its month, not a day of its own.
    for e in (meeting, signing):
        assert (e.start_date, e.date_precision) == (dt.date(2023, 6, 1), "month")


def test_a_coming_meeting_without_a_reported_visit_is_a_plan() -> None:
    found = events(
        "Prime Minister Anwar Ibrahim will hold a meeting with Prime Minister Lee Hsien Loong "
        "and the two leaders will witness the signing of three agreements."
    )
    assert of_type(found, "meeting", "signing") == []


def test_a_transcripts_coming_meetings_are_no_programme() -> None:
    text = (
        "MR SMITH: The Secretary arrived in Lima today for an official visit.\n\n"
        "QUESTION: What is next?\n\n"
        "MR SMITH: He will hold a meeting with Foreign Minister Javier Gonzalez-Olaechea.\n"
    )
    assert of_type(events(text), "meeting") == []
