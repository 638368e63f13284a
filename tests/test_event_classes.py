"""Event classes that sentence-level triggers used to miss or invent (issue 12): scheduled
occurrences, enumerated counterparts, arrivals, quantified and conditional clauses. Every
sentence here is invented for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.extract.entities import find_entities
from etl.extract.events import find_events
from etl.extract.nlp import analyze
from etl.facts import Event

PUBLISHED = dt.date(2023, 6, 16)  # a Friday


def events(text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
    doc = analyze(text)
    return find_events(
        text,
        doc,
        find_entities(text, doc),
        published_on=published,
        published_precision="day" if published else None,
    )


def people(event: Event) -> set[str]:
    return {p.name for p in event.participants if p.kind == "person" and p.name}


def countries(event: Event) -> set[str]:
    return {p.country_iso3 for p in event.participants if p.country_iso3}


# Scheduled occurrences -------------------------------------------------------------------


def test_a_visit_scheduled_to_the_day_is_an_event_dated_forward() -> None:
    (e,) = events("Kenyan Foreign Minister Alfred Mutua will visit Brazil on Tuesday.")
    assert e.event_type == "visit"
    assert {"KEN", "BRA"} <= countries(e)
    # A coming weekday is the next one after the publication date, not the last one.
    assert (e.start_date, e.date_precision) == (dt.date(2023, 6, 20), "day")


def test_a_scheduled_month_day_before_the_anchor_moves_to_next_year() -> None:
    (e,) = events("Emmanuel Macron is scheduled to visit Japan on March 3.")
    assert e.start_date == dt.date(2024, 3, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Emmanuel Macron will visit Japan soon.",
        "Emmanuel Macron would visit Japan on Tuesday if invited.",
        "If Emmanuel Macron meets Xi Jinping on Tuesday, they will discuss trade.",
        "Emmanuel Macron hopes to visit Japan on March 3.",
    ],
)
def test_future_without_a_day_modal_or_conditional_is_not_an_event(text: str) -> None:
    assert events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Russia said it would block the adoption of any resolution on the matter.",
        "No agreement was signed between Chile and Peru.",
    ],
)
def test_quantified_away_occurrences_are_not_events(text: str) -> None:
    assert events(text) == []


# Enumerated counterparts ------------------------------------------------------------------


def test_phone_conversations_with_a_list_of_people_are_one_call_each() -> None:
    found = events(
        "On Thursday, Spanish Foreign Minister Jose Manuel Albares held phone conversations "
        "with Brazilian Foreign Minister Mauro Vieira, Chilean Foreign Minister Alberto van "
        "Klaveren and Mexican Foreign Secretary Alicia Barcena."
    )
    calls = [e for e in found if e.event_type == "call"]
    assert len(calls) == 3
    assert all("José Manuel Albares" in people(e) for e in calls)  # canonical name
    assert {frozenset(countries(e)) for e in calls} == {
        frozenset({"ESP", "BRA"}),
        frozenset({"ESP", "CHL"}),
        frozenset({"ESP", "MEX"}),
    }
    assert all(e.start_date == dt.date(2023, 6, 15) for e in calls)


def test_calls_with_the_leaders_of_listed_countries_merge_with_later_mentions() -> None:
    text = (
        "Indian Prime Minister Narendra Modi highlighted trade in his phone conversations with "
        "the leaders of Kenya, Ghana and Norway on Monday. In his phone conversation with "
        "Kenyan President William Ruto, Modi praised the partnership."
    )
    calls = [e for e in events(text) if e.event_type == "call"]
    assert sorted(sorted(countries(e)) for e in calls) == [
        ["GHA", "IND"],
        ["IND", "KEN"],
        ["IND", "NOR"],
    ]
    kenya = next(e for e in calls if "KEN" in countries(e))
    assert people(kenya) == {"Narendra Modi", "William Ruto"}
    assert len(kenya.mentions) == 2


def test_a_single_meeting_with_two_people_stays_one_meeting() -> None:
    found = events(
        "On Monday, Xi Jinping held a meeting with Emmanuel Macron and Ursula von der Leyen."
    )
    meetings = [e for e in found if e.event_type == "meeting"]
    assert len(meetings) == 1
    assert people(meetings[0]) == {"Xi Jinping", "Emmanuel Macron", "Ursula von der Leyen"}


# Arrivals ---------------------------------------------------------------------------------


def test_arrival_to_pay_a_state_visit_is_a_state_visit_to_the_citys_country() -> None:
    (e,) = events("Chinese President Xi Jinping arrived in Hanoi on Tuesday to pay a state visit.")
    assert e.event_type == "state_visit"
    assert (e.location_name, e.location_country_iso3) == ("Hanoi", "VNM")
    assert countries(e) == {"CHN", "VNM"}
    assert e.start_date == dt.date(2023, 6, 13)


def test_arrival_here_is_a_visit_to_the_dateline_place() -> None:
    text = "NAIROBI: Indonesian President Joko Widodo arrived here today for an official visit."
    (e,) = events(text)
    assert e.event_type == "visit"
    assert e.location_country_iso3 == "KEN"
    assert people(e) == {"Joko Widodo"}


@pytest.mark.parametrize(
    "text",
    [
        "Chinese Premier Li Qiang arrived back in Beijing on Friday.",
        "Indonesian President Joko Widodo arrived in Nairobi on Friday.",
    ],
)
def test_coming_home_or_bare_travel_is_not_a_visit(text: str) -> None:
    assert [e for e in events(text) if e.event_type in ("visit", "state_visit")] == []
