"""Who takes part in an event: states through the people who act for them, organizations
through their officials, and only the trigger's own arguments.

The sentences are written for these tests. Names not in seeds/people.csv are invented.
"""

from __future__ import annotations

import datetime as dt

from etl.extract.entities import find_entities
from etl.extract.events import find_events
from etl.extract.nlp import analyze
from etl.extract.people import find_people
from etl.extract.reference import organizations, people
from etl.facts import Entity, Event

PUBLISHED = dt.date(2023, 6, 16)  # a Friday


def events(text: str) -> list[Event]:
    doc = analyze(text)
    return find_events(
        text, doc, find_entities(text, doc), published_on=PUBLISHED, published_precision="day"
    )


def only(text: str) -> Event:
    found = events(text)
    assert len(found) == 1, [e.name for e in found]
    return found[0]


def persons(text: str) -> dict[str, Entity]:
    return {p.name: p for p in find_people(text, analyze(text))}


def names(event: Event, kind: str) -> set[str]:
    return {p.name for p in event.participants if p.kind == kind and p.name}


def countries(event: Event) -> set[str]:
    return {p.country_iso3 for p in event.participants if p.country_iso3}


# --- people who act for an organization ------------------------------------------------------


def test_every_acts_for_is_a_known_organization() -> None:
    known = {o.name for o in organizations()}
    acting = [p for p in people() if p.acts_for]
    assert len(acting) >= 40
    assert {p.acts_for for p in acting} <= known


def test_organization_official_has_no_country_of_their_own() -> None:
    found = persons("European Council President Charles Michel spoke in Tallinn on Friday.")
    michel = found["Charles Michel"]
    assert michel.country_iso3 is None
    assert michel.acts_for == "European Council"


def test_officials_bring_their_organization_not_their_nationality() -> None:
    e = only(
        "On Tuesday, Canadian Prime Minister Justin Trudeau met European Commission President "
        "Ursula von der Leyen and European Council President Charles Michel in Ottawa."
    )
    assert names(e, "person") == {"Justin Trudeau", "Ursula von der Leyen", "Charles Michel"}
    assert countries(e) == {"CAN"}
    assert {"European Commission", "European Council"} <= names(e, "organization")


def test_meeting_of_two_officials_takes_no_state_from_the_sentence() -> None:
    e = only(
        "On Monday in Geneva, UN Secretary-General António Guterres held talks with "
        "NATO Secretary General Jens Stoltenberg about Sweden."
    )
    assert countries(e) == set()
    assert {"United Nations", "North Atlantic Treaty Organization"} <= names(e, "organization")


def test_unknown_official_of_an_organization_named_before_the_title() -> None:
    found = persons("Pacific Islands Forum Secretary-General Mele Tavita arrived in Apia.")
    assert found["Mele Tavita"].acts_for == "Pacific Islands Forum"
    assert found["Mele Tavita"].country_iso3 is None


def test_unknown_official_named_with_an_of_complement() -> None:
    found = persons("Secretary-General of the Arab League Hamid Ouazzani left Cairo on Monday.")
    assert found["Hamid Ouazzani"].acts_for == "League of Arab States"
    assert found["Hamid Ouazzani"].country_iso3 is None


def test_a_state_body_is_its_state() -> None:
    found = persons("State Department Spokesperson Lila Hartwell answered questions.")
    assert found["Lila Hartwell"].country_iso3 == "USA"
    assert found["Lila Hartwell"].acts_for is None


def test_head_of_state_of_a_named_country() -> None:
    found = persons("The President of Kenya Otieno Wafula opened the session.")
    assert found["Otieno Wafula"].country_iso3 == "KEN"


def test_ambassador_to_a_country_does_not_act_for_it() -> None:
    found = persons(
        "Kenyan Ambassador to China Otieno Wafula met reporters. "
        "Later, Ambassador to Brazil Juma Kiprop joined him."
    )
    assert found["Otieno Wafula"].country_iso3 == "KEN"
    assert found["Juma Kiprop"].country_iso3 is None


def test_envoy_for_a_country_does_not_act_for_it() -> None:
    found = persons("Special Envoy for Yemen Arvid Lindqvist arrived in Muscat.")
    assert found["Arvid Lindqvist"].country_iso3 is None


# --- only the trigger's own arguments ---------------------------------------------------------


def test_person_in_a_subordinate_clause_is_not_a_participant() -> None:
    e = only(
        "On Saturday, U.S. President Joe Biden met Chinese President Xi Jinping in Lima, "
        "at a time when Donald Trump has vowed to raise tariffs."
    )
    assert names(e, "person") == {"Joe Biden", "Xi Jinping"}


def test_person_in_a_relative_clause_is_not_a_participant() -> None:
    e = only(
        "On Saturday, Xi Jinping held talks with Joe Biden on tariffs, which Donald Trump "
        "has threatened to raise."
    )
    assert names(e, "person") == {"Xi Jinping", "Joe Biden"}


def test_person_in_a_coordinated_clause_is_not_a_participant() -> None:
    e = only(
        "On Saturday, Xi Jinping met Joe Biden in Lima and criticized the plans of Donald Trump."
    )
    assert names(e, "person") == {"Xi Jinping", "Joe Biden"}


def test_person_in_reported_speech_about_something_else_is_not_a_participant() -> None:
    e = only(
        "On Monday, Kenyan President William Ruto held talks with Brazilian President Lula "
        "da Silva, who said that Donald Trump was wrong about trade."
    )
    assert "Donald Trump" not in names(e, "person")


def test_subject_of_the_governing_clause_takes_part() -> None:
    e = only(
        "Japanese Foreign Minister Yoshimasa Hayashi spoke to reporters on Saturday after "
        "holding talks with U.S. Secretary of State Antony Blinken."
    )
    assert names(e, "person") == {"Yoshimasa Hayashi", "Antony Blinken"}


def test_topic_country_does_not_take_part() -> None:
    e = only(
        "On Tuesday, Canadian Prime Minister Justin Trudeau held talks with Indian Prime "
        "Minister Narendra Modi about Ukraine."
    )
    assert countries(e) == {"CAN", "IND"}


def test_venue_country_does_not_take_part() -> None:
    e = only(
        "On Tuesday, Canadian Prime Minister Justin Trudeau met Indian Prime Minister "
        "Narendra Modi in Paris, France."
    )
    assert countries(e) == {"CAN", "IND"}
